import { createVenueSchema } from '../../../shared/api/venues';
import { created, route } from '../../lib/http';
import { venueService } from '../venueService';

// With an Idempotency-Key the venue's id comes from (user, key): a retry finds the venue it created.
export const handler = route({ access: 'staff', body: createVenueSchema }, async ({ body, user, headers }) =>
  created({ venue: await venueService.create(body, user.id, headers['idempotency-key']) }),
);
