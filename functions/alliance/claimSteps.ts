// The claim invariant's one owner: claims ≤ quantity, ≤ perUserLimit per user, and one code per claim however
// often it is retried. A claim *attempt* is (claimId, code); with an Idempotency-Key the claim id comes from
// (user, offer, key), so a retry finds its own attempt in the user's slots and carries it on. Every write below
// is conditional on the attempt, so the request, its retry and the reconciler (or two reconciler runs) can all
// run it at once and each step still happens once. Write order (failpoint after each):
//   1 slot   OFFER#o / SLOT#user#n = {claimId, code}, journaled   IF attribute_not_exists  (never past the limit)
//   2 offer  claimed + 1, intents[claimId] = {slot, code}        IF claimed ≤ quantity − 1 AND terms as read AND
//                                                                  active AND no intent of this claim id
//   3 figures ADD claimed 1                                      (mirror of 2; a crash between leaves it one short)
//   4 claim  CODE#code                                           IF attribute_not_exists  (a void marker refuses it)
//   5 offer  REMOVE intents[claimId]                             IF it is this attempt's
//   6 slot   settled (leaves the journal)                        IF it is this attempt's
// Undo (the code was voided): offer claimed − 1 and REMOVE the intent IF it is this attempt's → figures ADD −1
// (only by whoever's step applied) → delete the slot IF it is this attempt's.
// A crash after 1 or 2 leaves a journaled slot (and an intent) naming the attempt and no code: the reconciler first
// writes a void marker on the code (so the attempt can never issue it late), then undoes it. A crash after 4, 5
// leaves an issued claim: the reconciler (or the retry) does 5 and 6. So a crash can leave a code unissued, never a
// second one. A crash between 2 and 3 (or an undo and its figure) leaves the figures off by one: the figures
// recount (reconcileService.ts) repairs them once the offer is quiet.
// A write applied whose reply was lost is sent again by the store client, and the copy is refused by the original:
// after a refusal, steps 1, 2 and 4 read their item and go on when it holds this very attempt.
import { ConflictError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { stableId } from '../lib/ids';
import { nowIso } from '../lib/time';
import { newClaimCode } from './claimCode';
import { claimStore } from './claimStore';
import { figuresStore } from './figuresStore';
import { offerStatus, type ClaimRecord, type OfferRecord, type SlotRecord } from './model';
import { offerStore } from './offerStore';

const MAX_ATTEMPTS = 5;

/** The claim id of a request carrying an Idempotency-Key: the same for every retry of it. */
export const claimIdFor = (userId: string, offerId: string, key: string) =>
  stableId('c', `claim|${userId}|${offerId}|${key}`);

const limitReached = (limit: number) => new ConflictError('LIMIT_REACHED', `每人限领 ${limit} 张，您已领满`);

/** Why a claim cannot take a unit now (null: it may). */
export function refusal(
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

/** Whether the slot holds this very attempt (its claim id and code): a write of it was applied. */
async function isOwn(slot: SlotRecord): Promise<boolean> {
  const there = await claimStore.getSlot(slot.offerId, slot.userId, slot.slot);
  return there?.claimId === slot.claimId && there.code === slot.code;
}

/**
 * Step 1: the lowest free slot, for a new attempt with a fresh code; LIMIT_REACHED when all are taken. With a
 * derived claim id, a twin request (the same key, after the idempotency lease) may have started its own attempt
 * at the same moment: whoever sees the other's slot after taking its own steps back (503, and the retry resumes).
 */
export async function takeSlot(
  offer: OfferRecord,
  userId: string,
  claimId: string,
  at: string,
  keyed: boolean,
  /** The user's slots as just read, if they were. */
  known?: SlotRecord[],
): Promise<SlotRecord> {
  for (let attempt = 0; attempt < offer.perUserLimit + MAX_ATTEMPTS; attempt++) {
    const slots = attempt === 0 && known ? known : await claimStore.slotsOf(offer.id, userId);
    // The limit bounds the claims held (a limit lowered after an attempt gave back a lower number leaves that number
    // free while the user holds the limit); with fewer held, the lowest free number is within it.
    if (slots.length >= offer.perUserLimit) throw limitReached(offer.perUserLimit);
    const taken = new Set(slots.map((s) => s.slot));
    let free = 1;
    while (taken.has(free)) free++;
    const slot: SlotRecord = { offerId: offer.id, userId, slot: free, claimId, code: newClaimCode(), at };
    // Refused: another claim of the user took that number (look again), or this very write did: the store applied
    // it, its reply was lost and the client's resent copy was refused by it. Then the slot is this attempt's (its
    // claim id and fresh code): go on with it, before the next round would count it against the limit.
    if (!(await claimStore.takeSlot(slot)) && !(await isOwn(slot))) continue;
    if (keyed) {
      const twins = (await claimStore.slotsOf(offer.id, userId)).filter(
        (s) => s.claimId === claimId && s.code !== slot.code,
      );
      if (twins.length > 0) {
        await claimStore.releaseSlot(slot);
        throw new UnavailableError();
      }
    }
    return slot;
  }
  throw new UnavailableError();
}

/** Steps 2–3, retried while only the terms moved (an edit); nothing to do when the offer holds this very attempt's
 * unit already (a resumed attempt, or its twin took it). Refusals free the slot. Answers the offer as read. */
async function takeUnit(first: OfferRecord, slot: SlotRecord, at: string): Promise<OfferRecord> {
  let offer: OfferRecord | null = first;
  for (let round = 0; round < MAX_ATTEMPTS; round++) {
    const held = offer?.intents[slot.claimId];
    if (held && held.code === slot.code) return offer!;
    if (held && round === 0) {
      // An earlier attempt of this claim id held a unit when the offer was read: it is being undone (that is why
      // this attempt is new), so only a fresh read tells.
      offer = await offerStore.get(slot.offerId);
      continue;
    }
    const refused = held ? new UnavailableError() : refusal(offer, slot.slot, at);
    if (refused || !offer) {
      await claimStore.releaseSlot(slot);
      throw refused;
    }
    const intent = { userId: slot.userId, slot: slot.slot, code: slot.code, at };
    if (await offerStore.takeUnit(offer, slot.claimId, intent)) {
      failpoint('alliance.claim.afterUnitTaken');
      await figuresStore.add(offer, { claimed: 1 }, at);
      failpoint('alliance.claim.afterFiguresAdded');
      return offer;
    }
    offer = await offerStore.get(slot.offerId);
  }
  await claimStore.releaseSlot(slot);
  throw new UnavailableError();
}

/** Steps 5–6 of an issued claim. True when this call settled the slot. */
async function finish(slot: SlotRecord): Promise<boolean> {
  await offerStore.clearIntent(slot.offerId, slot, nowIso());
  failpoint('alliance.claim.afterIntentCleared');
  const settled = await claimStore.settleSlot(slot);
  failpoint('alliance.claim.afterSlotSettled');
  return settled;
}

/** Undoes a voided attempt: the unit back (and its figure), then the slot. Each step once, whoever runs it. */
export async function undo(
  slot: SlotRecord,
  now: string,
  owner?: OfferRecord | null,
): Promise<{ returned: boolean; released: boolean }> {
  const returned = await offerStore.returnUnit(slot.offerId, slot, now);
  if (returned) {
    failpoint('alliance.undo.afterUnitReturned');
    const offer = owner ?? (await offerStore.get(slot.offerId));
    if (offer) await figuresStore.add(offer, { claimed: -1 }, now);
    failpoint('alliance.undo.afterFiguresReturned');
  }
  return { returned, released: await claimStore.releaseSlot(slot) };
}

/**
 * Steps 2–6 of an attempt, from wherever it stands (`resumed`: it may be part done). The claim, or null when the
 * attempt was voided (it is undone by then; nothing was issued).
 */
export async function advance(
  slot: SlotRecord,
  offer: OfferRecord,
  resumed: boolean,
): Promise<ClaimRecord | null> {
  const now = nowIso();
  if (resumed) {
    const found = await claimStore.getByCode(slot.code);
    if (found?.kind === 'claim' && found.claim.id === slot.claimId) {
      await finish(slot);
      return found.claim;
    }
    if (found) {
      await undo(slot, now, offer);
      return null;
    }
  }
  const current = await takeUnit(offer, slot, now);
  const claim: ClaimRecord = {
    id: slot.claimId,
    offerId: slot.offerId,
    code: slot.code,
    userId: slot.userId,
    merchantId: current.merchantId,
    merchantName: current.merchantName,
    offerTitle: current.title,
    validUntil: current.validUntil,
    status: 'claimed',
    claimedAt: slot.at,
  };
  if (await claimStore.putClaim(claim)) {
    failpoint('alliance.claim.afterClaimWritten');
    await finish(slot);
    return claim;
  }
  // A twin of this attempt wrote it, or the reconciler voided the code (this request was very slow).
  const found = await claimStore.getByCode(slot.code);
  if (found?.kind !== 'claim' || found.claim.id !== slot.claimId) {
    await undo(slot, now, current);
    return null;
  }
  await finish(slot);
  return found.claim;
}

/**
 * The reconciler's finisher for a stale attempt: void its code first (from then on the attempt cannot issue it),
 * then finish it if its claim was written, else undo it. The outcome names what this call completed: the last step
 * (the slot, or the unit for an attempt whose slot journal is gone) happens once, so two finishers count it once.
 */
export async function settleStale(
  slot: SlotRecord,
  now: string,
  journaled: boolean,
): Promise<'finished' | 'undone' | 'none'> {
  const voided = await claimStore.putVoid(slot.code, slot.claimId, slot.offerId, now);
  if (voided) failpoint('alliance.settle.afterVoided');
  const found = voided ? null : await claimStore.getByCode(slot.code);
  if (found?.kind === 'claim' && found.claim.id === slot.claimId)
    return (await finish(slot)) ? 'finished' : 'none';
  const { returned, released } = await undo(slot, now);
  return (journaled ? released : returned) ? 'undone' : 'none';
}
