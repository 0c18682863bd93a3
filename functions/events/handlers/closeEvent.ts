import { eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { eventService } from '../eventService';
import { toEventView } from '../views';

export const handler = route({ access: 'staff', params: eventIdParamsSchema }, async ({ params }) =>
  ok({ event: toEventView(await eventService.close(params.id)) }),
);
