import { createOfferSchema } from '../../../shared/api/alliance';
import { created, route } from '../../lib/http';
import { offerService } from '../offerService';

// With an Idempotency-Key the offer's id comes from (user, key): a retry finds the offer it created.
export const handler = route(
  { access: 'merchant', body: createOfferSchema },
  async ({ user, body, headers }) =>
    created({ offer: await offerService.create(user, body, headers['idempotency-key']) }),
);
