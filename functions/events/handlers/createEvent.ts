import { createEventSchema } from '../../../shared/api/events';
import { created, route } from '../../lib/http';
import { eventService } from '../eventService';
import { toEventView } from '../views';

export const handler = route({ access: 'staff', body: createEventSchema }, async ({ body, user }) =>
  created({ event: toEventView(await eventService.create(body, user.id)) }),
);
