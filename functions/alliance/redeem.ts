import { redeemSchema } from '../../shared/api/alliance';
import { ok, route } from '../lib/http';
import { claimService } from './claimService';
import { merchantService } from './merchantService';

export const handler = route({ access: 'merchant', body: redeemSchema }, async ({ user, body }) => {
  const merchant = await merchantService.requireApproved(user);
  return ok({ claim: await claimService.redeem(merchant, body.code, user.id) });
});
