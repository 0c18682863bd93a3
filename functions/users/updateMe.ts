import { updateMeSchema } from '../../shared/api/users';
import { ok, route } from '../lib/http';
import { toPublicUser, userService } from './service';

export const handler = route({ access: 'user', body: updateMeSchema }, async ({ user, body }) =>
  ok({ user: toPublicUser(await userService.updateProfile(user.id, body), true) }),
);
