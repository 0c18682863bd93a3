import { createVenueSchema } from '../../../shared/api/venues';
import { created, route } from '../../lib/http';
import { venueService } from '../venueService';

export const handler = route({ access: 'staff', body: createVenueSchema }, async ({ body }) =>
  created({ venue: await venueService.create(body) }),
);
