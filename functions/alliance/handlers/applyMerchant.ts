import { applyMerchantSchema } from '../../../shared/api/alliance';
import { created, route } from '../../lib/http';
import { merchantService } from '../merchantService';
import { toMerchant } from '../views';

// With an Idempotency-Key a retry of the application that was stored gets it back instead of 409.
export const handler = route({ access: 'user', body: applyMerchantSchema }, async ({ user, body, headers }) =>
  created({ merchant: toMerchant(await merchantService.apply(user.id, body, headers['idempotency-key'])) }),
);
