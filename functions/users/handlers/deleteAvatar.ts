import { ok, route } from '../../lib/http';
import { avatarService } from '../avatarService';
import { toPublicUser } from '../views';

/** DELETE /v1/me/avatar: back to the default picture → `{user}` (idempotent). */
export const handler = route({ access: 'user' }, async ({ user }) =>
  ok({ user: toPublicUser(await avatarService.remove(user), true) }),
);
