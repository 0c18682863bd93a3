import { createOfferSchema } from '../../shared/api/alliance';
import { created, route } from '../lib/http';
import { merchantService } from './merchantService';
import { offerService } from './offerService';

export const handler = route({ access: 'merchant', body: createOfferSchema }, async ({ user, body }) => {
  const merchant = await merchantService.requireApproved(user);
  return created({ offer: await offerService.create(merchant, body) });
});
