import * as z from 'zod/mini';
import { itemId } from '../../../shared/api/common';
import { setRolesSchema } from '../../../shared/api/users';
import { ok, route } from '../../lib/http';
import { userService } from '../userService';
import { toPublicUser } from '../views';

export const handler = route(
  {
    access: 'admin',
    body: setRolesSchema,
    params: z.object({ userId: itemId() }),
  },
  async ({ body, params }) =>
    ok({ user: toPublicUser(await userService.setRoles(params.userId, body.roles)) }),
);
