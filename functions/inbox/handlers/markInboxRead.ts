import { markInboxReadSchema } from '../../../shared/api/inbox';
import { ok, route } from '../../lib/http';
import { inboxService } from '../inboxService';

/** POST /v1/me/inbox/read: notices up to `upTo` (default now) are read; idempotent. */
export const handler = route({ access: 'user', body: markInboxReadSchema }, async ({ user, body }) =>
  ok(await inboxService.markRead(user.id, body.upTo)),
);
