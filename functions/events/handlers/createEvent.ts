import { createEventSchema } from '../../../shared/api/events';
import { created, route } from '../../lib/http';
import { eventService } from '../eventService';
import { toEventView } from '../views';

// With an Idempotency-Key the event's id comes from (user, key): a retry finds the event it created.
export const handler = route({ access: 'staff', body: createEventSchema }, async ({ body, user, headers }) =>
  created({ event: toEventView(await eventService.create(body, user.id, headers['idempotency-key'])) }),
);
