import { eventIdParamsSchema, updateEventSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { eventService } from '../eventService';
import { toEventView } from '../views';

export const handler = route(
  { access: 'staff', params: eventIdParamsSchema, body: updateEventSchema },
  async ({ params, body }) => ok({ event: toEventView(await eventService.update(params.id, body)) }),
);
