import { ok, route } from '../../lib/http';
import { accountService } from '../accountService';

/** GET /v1/me/export: everything stored about the caller. */
export const handler = route({ access: 'user' }, async ({ user }) => ok(await accountService.export(user)));
