import { ok, route } from '../../lib/http';
import { venueParams } from '../model';
import { venueService } from '../venueService';

export const handler = route({ access: 'public', params: venueParams }, async ({ params }) =>
  ok({ venue: await venueService.get(params.id) }),
);
