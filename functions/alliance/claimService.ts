// Claiming a code and redeeming it at the till.
// Claim order (each step one conditional write, a failpoint after each):
//   1 slot:  one of the user's perUserLimit slots, journaled as unsettled   (never past the user's limit)
//   2 offer: claimed + 1 with the intent {userId, slot, code}                 (never past quantity; else free 1)
//   3 claim item CODE#<code>                                                  (else give back 2 and 1)
//   4 offer: remove the intent
//   5 slot:  settled (leaves the journal)
// The user's limit is checked before the hot offer item is touched, so a user hammering "claim" cannot hold units
// of others. A crash leaves a journaled slot (and maybe an intent) naming everything; the reconciler either finishes
// the claim (its item exists) or voids the code and gives the unit and the slot back. So a crash can leave a code
// unissued, never one too many.
// Redemption order:
//   1 claim item: claimed → redeemed, one conditional update (exactly once, its merchant, before validUntil)
//   2 offer: redeemed + 1
// A crash between them leaves the offer's figure one short; the reconciler's recount raises it.
import type { Claim } from '../../shared/api/alliance';
import type { Page } from '../lib/dynamo';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { countDaily } from '../lib/metrics';
import type { CurrentUser } from '../lib/principal';
import { nowIso } from '../lib/time';
import { newClaimCode } from './claimCode';
import { claimStore } from './claimStore';
import { merchantService } from './merchantService';
import { offerStatus, type ClaimRecord, type OfferRecord, type SlotRecord } from './model';
import { offerStore } from './offerStore';
import { toClaim } from './views';

const MAX_ATTEMPTS = 5;

function refusal(
  offer: OfferRecord | null,
  slot: number | null,
  now: string,
): ConflictError | NotFoundError | null {
  if (!offer) return new NotFoundError('优惠不存在');
  const status = offerStatus(offer, now);
  if (status === 'withdrawn') return new ConflictError('OFFER_NOT_ACTIVE', '该优惠已撤回');
  if (status === 'upcoming') return new ConflictError('OFFER_NOT_ACTIVE', '该优惠尚未开始领取');
  if (status === 'expired') return new ConflictError('OFFER_NOT_ACTIVE', '该优惠已结束');
  if (offer.claimed >= offer.quantity) return new ConflictError('SOLD_OUT', '已抢完');
  if (slot !== null && slot > offer.perUserLimit) return limitReached(offer.perUserLimit);
  return null;
}

const limitReached = (limit: number) => new ConflictError('LIMIT_REACHED', `每人限领 ${limit} 张，您已领满`);

/** Step 1: the lowest free slot number; LIMIT_REACHED when all perUserLimit slots are taken. */
async function takeSlot(
  offer: OfferRecord,
  userId: string,
  claimId: string,
  code: string,
  at: string,
): Promise<SlotRecord> {
  for (let attempt = 0; attempt < offer.perUserLimit + MAX_ATTEMPTS; attempt++) {
    const taken = new Set(await claimStore.takenSlots(offer.id, userId));
    let free = 1;
    while (taken.has(free)) free++;
    if (free > offer.perUserLimit) throw limitReached(offer.perUserLimit);
    const slot: SlotRecord = { offerId: offer.id, userId, slot: free, claimId, code, at };
    if (await claimStore.takeSlot(slot)) return slot;
    // Another claim of the same user took that number at the same moment: look again.
  }
  throw new UnavailableError();
}

/** Step 2, retried while only the terms moved (an edit); refusals are explained from a fresh read. */
async function takeUnit(first: OfferRecord, slot: SlotRecord): Promise<OfferRecord> {
  let offer: OfferRecord | null = first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const refused = refusal(offer, slot.slot, nowIso());
    if (refused || !offer) {
      await claimStore.releaseSlot(slot);
      throw refused;
    }
    const intent = { userId: slot.userId, slot: slot.slot, code: slot.code, at: nowIso() };
    if (await offerStore.takeUnit(offer, slot.claimId, intent)) return offer;
    offer = await offerStore.get(slot.offerId);
  }
  await claimStore.releaseSlot(slot);
  throw new UnavailableError();
}

export const claimService = {
  async claim(offerId: string, userId: string): Promise<Claim> {
    const initial = await offerStore.get(offerId);
    const at = nowIso();
    const refused = refusal(initial, null, at);
    if (refused || !initial) throw refused;

    const claimId = newId();
    const code = newClaimCode();
    const slot = await takeSlot(initial, userId, claimId, code, at);
    failpoint('alliance.claim.afterSlotTaken');

    const offer = await takeUnit(initial, slot);
    failpoint('alliance.claim.afterUnitTaken');

    const claim: ClaimRecord = {
      id: claimId,
      offerId,
      code,
      userId,
      merchantId: offer.merchantId,
      merchantName: offer.merchantName,
      offerTitle: offer.title,
      validUntil: offer.validUntil,
      status: 'claimed',
      claimedAt: at,
    };
    if (!(await claimStore.putClaim(claim))) {
      // The reconciler voided this code (we were very slow), or a one-in-2^65 collision: give everything back.
      await offerStore.returnUnit(offerId, claimId);
      await claimStore.releaseSlot(slot);
      throw new UnavailableError();
    }
    failpoint('alliance.claim.afterClaimWritten');

    await offerStore.clearIntent(offerId, claimId);
    failpoint('alliance.claim.afterIntentCleared');
    await claimStore.settleSlot(slot);
    failpoint('alliance.claim.afterSlotSettled');
    await countDaily('offers.claimed');
    return toClaim(claim);
  },

  /** The user's codes, newest first. */
  async listMine(userId: string, limit: number, cursor?: string): Promise<Page<Claim>> {
    const page = await claimStore.listForUser(userId, limit, cursor);
    return { items: page.items.map(toClaim), nextCursor: page.nextCursor };
  },

  /** At the till of the caller's approved merchant. Exactly once: one conditional update claimed → redeemed; the
   * offer's figure follows. */
  async redeem(caller: CurrentUser, code: string): Promise<Claim> {
    const merchant = await merchantService.requireApproved(caller);
    const found = await claimStore.getByCode(code);
    if (!found || found.kind === 'void') throw new NotFoundError('券码不存在');
    if (found.claim.merchantId !== merchant.id) throw new ForbiddenError('这不是本店优惠的券码');
    const redeemed = await claimStore.redeem(code, merchant.id, caller.id, nowIso());
    if (!redeemed) {
      const current = await claimStore.getByCode(code);
      if (current?.kind === 'claim' && current.claim.status === 'redeemed')
        throw new ConflictError('ALREADY_REDEEMED', '该券码已核销，不能重复使用');
      throw new ConflictError('OFFER_EXPIRED', '该券码已过有效期，无法核销');
    }
    failpoint('alliance.redeem.afterRedeemed');
    await offerStore.addRedeemed(redeemed.offerId);
    await countDaily('offers.redeemed');
    return toClaim(redeemed);
  },
};
