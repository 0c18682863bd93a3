import { createOfferSchema } from '../../../shared/api/alliance';
import { created, route } from '../../lib/http';
import { offerService } from '../offerService';

export const handler = route({ access: 'merchant', body: createOfferSchema }, async ({ user, body }) =>
  created({ offer: await offerService.create(user, body) }),
);
