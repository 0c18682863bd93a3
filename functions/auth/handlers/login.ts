import { loginRequestSchema } from '../../../shared/api/users';
import { ok, route } from '../../lib/http';
import { authService } from '../authService';

export const handler = route({ access: 'public', body: loginRequestSchema }, async ({ body }) =>
  ok(await authService.login(body.code)),
);
