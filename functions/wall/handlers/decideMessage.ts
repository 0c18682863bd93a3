import { decisionSchema, messageIdParamsSchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { moderationService } from '../moderationService';

export const handler = route(
  { access: 'staff', params: messageIdParamsSchema, body: decisionSchema },
  async ({ user, params, body }) =>
    ok({ message: await moderationService.decide(user, params.id, body.decision, body.reason) }),
);
