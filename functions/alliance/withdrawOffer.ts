import { idParamsSchema } from '../../shared/api/alliance';
import { ok, route } from '../lib/http';
import { merchantService } from './merchantService';
import { offerService } from './offerService';

export const handler = route({ access: 'merchant', params: idParamsSchema }, async ({ user, params }) => {
  const merchant = await merchantService.requireApproved(user);
  return ok({ offer: await offerService.withdraw(merchant, params.id) });
});
