import { requestIdParamsSchema } from '../../../shared/api/services';
import { ok, route } from '../../lib/http';
import { requestService } from '../requestService';
import { toRequestView } from '../views';

export const handler = route({ access: 'user', params: requestIdParamsSchema }, async ({ params, user }) =>
  ok({ request: toRequestView(await requestService.withdraw(params.id, user.id)) }),
);
