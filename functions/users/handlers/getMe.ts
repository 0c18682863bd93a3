import { ok, route } from '../../lib/http';
import { toPublicUser } from '../views';

export const handler = route({ access: 'user' }, async ({ user }) => ok({ user: toPublicUser(user, true) }));
