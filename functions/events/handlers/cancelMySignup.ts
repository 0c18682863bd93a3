import { eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { signupService } from '../signupService';
import { toOwnSignupView } from '../views';

export const handler = route({ access: 'user', params: eventIdParamsSchema }, async ({ params, user }) =>
  ok({ signup: toOwnSignupView({ signup: await signupService.cancelMine(params.id, user.id) }) }),
);
