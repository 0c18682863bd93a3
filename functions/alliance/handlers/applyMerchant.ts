import { applyMerchantSchema } from '../../../shared/api/alliance';
import { created, route } from '../../lib/http';
import { merchantService } from '../merchantService';
import { toMerchant } from '../views';

export const handler = route({ access: 'user', body: applyMerchantSchema }, async ({ user, body }) =>
  created({ merchant: toMerchant(await merchantService.apply(user.id, body)) }),
);
