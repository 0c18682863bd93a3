import { updateVenueSchema } from '../../../shared/api/venues';
import { ok, route } from '../../lib/http';
import { venueParams } from '../model';
import { venueService } from '../venueService';

export const handler = route(
  { access: 'staff', body: updateVenueSchema, params: venueParams },
  async ({ body, params }) => ok({ venue: await venueService.update(params.id, body) }),
);
