import { idParamsSchema } from '../../../shared/api/alliance';
import { created, route } from '../../lib/http';
import { claimService } from '../claimService';

// With an Idempotency-Key the claim's identity comes from (user, offer, key): a retry finds its own claim.
export const handler = route({ access: 'user', params: idParamsSchema }, async ({ user, params, headers }) =>
  created({ claim: await claimService.claim(params.id, user.id, headers['idempotency-key']) }),
);
