import { avatarUploadSchema } from '../../../shared/api/users';
import { ok, route } from '../../lib/http';
import { avatarService } from '../avatarService';
import { toPublicUser } from '../views';

/** PUT /v1/me/avatar `{image}`: the caller's profile picture (a JPEG or PNG ≤ 24 KB, base64) → `{user}`. */
export const handler = route(
  {
    access: 'user',
    body: avatarUploadSchema,
    limit: { bucket: 'avatar', limit: 30, windowSeconds: 3600, message: '更换头像过于频繁，请稍后再试' },
  },
  async ({ user, body }) => ok({ user: toPublicUser(await avatarService.set(user, body.image), true) }),
);
