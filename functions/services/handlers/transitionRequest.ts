import { requestIdParamsSchema, transitionSchema } from '../../../shared/api/services';
import { ok, route } from '../../lib/http';
import { requestService } from '../requestService';
import { toRequestView } from '../views';

export const handler = route(
  { access: 'staff', params: requestIdParamsSchema, body: transitionSchema },
  async ({ params, body, user }) =>
    ok({ request: toRequestView(await requestService.transition(params.id, body.to, user.id, body.note)) }),
);
