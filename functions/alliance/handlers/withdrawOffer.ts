import { idParamsSchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { offerService } from '../offerService';

export const handler = route({ access: 'merchant', params: idParamsSchema }, async ({ user, params }) =>
  ok({ offer: await offerService.withdraw(user, params.id) }),
);
