// Claiming a code (the steps and their order: claimSteps.ts) and redeeming it at the till.
// Redemption order:
//   1 claim item: claimed → redeemed, one conditional update (exactly once, its merchant, before validUntil), marked
//     with the request (a digest of the caller and its Idempotency-Key, or its request id without one)
//   2 offer: redeemed + 1
//   3 figures: redeemed + 1 (mirror of 2)
// A crash after 1 leaves the offer's figure one short: the reconciler's recount raises it (and its mirror) once no
// redemption of the offer is recent; a crash after 2 leaves the figures one short: the figures recount repairs them.
// A lost reply to 2 (an `ADD`, applied again when the store client resends it) leaves the offer's figure one over:
// the recount lowers it once no redemption is recent and the offer's figures are quiet.
// Only the very request that redeemed a code gets its 200 again: its retry with the same key (the key layer replays
// a finished reply; after a 503 or a crash the handler runs again and finds its own mark). Any other presentation of
// the code — another till, the same till tapping again, a retry without a key — is 409 ALREADY_REDEEMED, with when:
// the till must never show a second success for one code. The dashboard's figures of a claim and of a redemption
// are counted from the table's stream (claimFigures.ts), not here.
import type { Claim } from '../../shared/api/alliance';
import type { Page } from '../lib/dynamo';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId, stableId } from '../lib/ids';
import type { CurrentUser } from '../lib/principal';
import { districtMoment, nowIso } from '../lib/time';
import { advance, claimIdFor, refusal, takeSlot } from './claimSteps';
import { claimStore } from './claimStore';
import { figuresStore } from './figuresStore';
import { merchantService } from './merchantService';
import { offerStore } from './offerStore';
import { toClaim } from './views';

/** The mark a redemption request leaves on the code: the same for every retry of it (caller + Idempotency-Key, or
 * caller + the request's own id without a key). */
export const redemptionMark = (callerId: string, key: string) => stableId('r', `redeem|${callerId}|${key}`);

function alreadyRedeemed(claim: { redeemedAt?: string }): ConflictError {
  const at = claim.redeemedAt ? `已于 ${districtMoment(claim.redeemedAt)} 核销` : '已核销';
  return new ConflictError('ALREADY_REDEEMED', `该券码${at}，不能重复使用`);
}

export const claimService = {
  /**
   * Claims a code. With an Idempotency-Key (`key`) the claim id comes from (user, offer, key): a retry after any
   * failure finds its own attempt among the user's slots and carries it on, so it answers the same code and never
   * takes a second unit. Without a key each call is a new claim, within the per-user limit.
   */
  async claim(offerId: string, userId: string, key?: string): Promise<Claim> {
    // With a key, the user's slots are read before the offer: an undo of this key's attempt (by the reconciler) that
    // lands between the two reads leaves the offer read after it, and one that lands before them leaves no slot.
    let known = key ? await claimStore.slotsOf(offerId, userId) : undefined;
    const initial = await offerStore.get(offerId);
    if (!initial) throw new NotFoundError('优惠不存在');
    const claimId = key ? claimIdFor(userId, offerId, key) : newId();
    let offer = initial;
    if (known) {
      for (const slot of known.filter((s) => s.claimId === claimId)) {
        const result = await advance(slot, offer, true);
        if (result) return toClaim(result);
        // That attempt was voided (and is undone now): nothing was issued, so a new attempt follows. It is decided
        // on the offer as it is now: the first read still counts the unit the undo gave back (on the last unit it
        // would answer SOLD_OUT, a final answer, with the unit free).
        known = undefined;
        offer = (await offerStore.get(offerId)) ?? offer;
      }
    }
    const at = nowIso();
    const refused = refusal(offer, null, at);
    if (refused) throw refused;
    const slot = await takeSlot(offer, userId, claimId, at, key !== undefined, known);
    failpoint('alliance.claim.afterSlotTaken');
    const result = await advance(slot, offer, false);
    // The reconciler voided this attempt (the request was very slow): nothing was issued; a retry starts anew.
    if (!result) throw new UnavailableError();
    return toClaim(result);
  },

  /** The user's codes, newest first. */
  async listMine(userId: string, limit: number, cursor?: string): Promise<Page<Claim>> {
    const page = await claimStore.listForUser(userId, limit, cursor);
    return { items: page.items.map(toClaim), nextCursor: page.nextCursor };
  },

  /**
   * At the till of the caller's approved merchant. Exactly once: one conditional update claimed → redeemed; the
   * offer's figure follows. `key`: the request's Idempotency-Key, whose retry alone gets the redemption's 200 again;
   * without one, the request's own id marks it (the store client's retry of an applied write finds its own mark).
   */
  async redeem(
    caller: CurrentUser,
    code: string,
    key: string | undefined,
    requestId: string,
  ): Promise<Claim> {
    const merchant = await merchantService.requireApproved(caller);
    const found = await claimStore.getByCode(code);
    if (!found || found.kind === 'void') throw new NotFoundError('券码不存在');
    if (found.claim.merchantId !== merchant.id) throw new ForbiddenError('这不是本店优惠的券码');
    const now = nowIso();
    const mark = redemptionMark(caller.id, key ?? `request:${requestId}`);
    const redeemed = await claimStore.redeem(code, merchant.id, caller.id, now, mark);
    if (!redeemed) {
      const current = await claimStore.getByCode(code);
      if (current?.kind === 'claim' && current.claim.status === 'redeemed') {
        // This request's own redemption (its first try answered 503 or died after step 1): the same reply again.
        if (current.claim.redeemedWith === mark) return toClaim(current.claim);
        throw alreadyRedeemed(current.claim);
      }
      throw new ConflictError('OFFER_EXPIRED', '该券码已过有效期，无法核销');
    }
    failpoint('alliance.redeem.afterRedeemed');
    const offer = await offerStore.addRedeemed(redeemed.offerId, now);
    failpoint('alliance.redeem.afterOfferCounted');
    await figuresStore.add(offer, { redeemed: 1 }, now);
    return toClaim(redeemed);
  },
};
