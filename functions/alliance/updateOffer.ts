import { idParamsSchema, updateOfferSchema } from '../../shared/api/alliance';
import { ok, route } from '../lib/http';
import { merchantService } from './merchantService';
import { offerService } from './offerService';

export const handler = route(
  { access: 'merchant', body: updateOfferSchema, params: idParamsSchema },
  async ({ user, body, params }) => {
    const merchant = await merchantService.requireApproved(user);
    return ok({ offer: await offerService.update(merchant, params.id, body) });
  },
);
