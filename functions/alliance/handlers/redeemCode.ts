import { redeemSchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { claimService } from '../claimService';

export const handler = route({ access: 'merchant', body: redeemSchema }, async ({ user, body }) =>
  ok({ claim: await claimService.redeem(user, body.code) }),
);
