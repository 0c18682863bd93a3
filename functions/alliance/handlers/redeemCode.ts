import { redeemSchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { claimService } from '../claimService';

/** Guessing codes stops: 20 failed redemptions (unknown code 404, bad check character 422) per merchant per 10 min. */
export const REDEEM_FAILURES = {
  bucket: 'alliance-redeem-failed',
  limit: 20,
  windowSeconds: 600,
  message: '核销失败次数过多，请 10 分钟后再试',
  counts: [404, 422],
};

export const handler = route(
  { access: 'merchant', body: redeemSchema, limit: REDEEM_FAILURES },
  async ({ user, body, headers, requestId }) =>
    ok({ claim: await claimService.redeem(user, body.code, headers['idempotency-key'], requestId) }),
);
