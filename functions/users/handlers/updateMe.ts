import { updateMeSchema } from '../../../shared/api/users';
import { ok, route } from '../../lib/http';
import { userService } from '../userService';
import { toPublicUser } from '../views';

export const handler = route({ access: 'user', body: updateMeSchema }, async ({ user, body }) =>
  ok({ user: toPublicUser(await userService.updateOwnProfile(user, body), true) }),
);
