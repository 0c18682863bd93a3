import { idParamsSchema, updateOfferSchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { offerService } from '../offerService';

export const handler = route(
  { access: 'merchant', body: updateOfferSchema, params: idParamsSchema },
  async ({ user, body, params }) => ok({ offer: await offerService.update(user, params.id, body) }),
);
