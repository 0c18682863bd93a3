import { applyMerchantSchema } from '../../shared/api/alliance';
import { created, route } from '../lib/http';
import { merchantService, toMerchant } from './merchantService';

export const handler = route({ access: 'user', body: applyMerchantSchema }, async ({ user, body }) =>
  created({ merchant: toMerchant(await merchantService.apply(user.id, body)) }),
);
