// Records of the alliance feature, their keys, and item ⇄ record mapping.
//   Merchant application: pk MERCHANT#<id>, sk META. One per applicant (the id is derived from the user id);
//     staff queues by status on byQueue (MERCHANTS#<status> / <createdAt>#<id>).
//   Offer: pk OFFER#<id>, sk META. The counter `claimed` carries the in-flight claims in `intents` (see
//     NOTES-invariants): claimed = issued claims + open intents ≤ quantity, always. Listings, each sorted by
//     validUntil so "valid now" is a key range (sk ≥ now):
//       byFeed  OFFERS#<alliance> / <validUntil>#<id>    offers of one alliance
//       byQueue OFFERS            / <validUntil>#<id>    all offers (public list, staff figures, reconciler)
//       byOwner MERCHANT#<mid>    / <validUntil>#<id>    one merchant's offers
//   Claim (= the code's item): pk CODE#<code>, sk CLAIM — looked up at the till by the code, redeemed by one
//     conditional update; byOwner USER#<uid> / CLAIM#<claimedAt>#<id> ("my codes"),
//     byQueue OFFER_CLAIMS#<offerId> / <claimedAt>#<id> (recount, per-offer figures).
//   Void marker: the same key with status `void`, written by the reconciler so a stale claim can never be issued late.
//   Slots: pk OFFER#<offerId>, sk SLOT#<uid>#<n>, n = 1..perUserLimit — one conditional put per claim, so a user can
//     never hold more claims than slots; while the claim is in flight the slot is journaled on byQueue
//     (ALLIANCE_UNSETTLED_SLOTS / <at>#…) for the reconciler. A claim attempt is (claimId, code): every write of it
//     names both, so a finisher of an old attempt never touches a newer attempt of the same claim id.
//   Figures: pk ALLIANCE_FIGURES, sk MERCHANT#<mid>#<alliance> — the sums of that merchant's offers in that alliance,
//     mirrored by ADD after each offer counter write, repaired by the reconciler's recount (figuresService.ts).
import type { Alliance, ClaimStatus, Merchant, MerchantStatus, OfferStatus } from '../../shared/api/alliance';

type Item = Record<string, unknown>;

// ── Merchant applications ───────────────────────────────────────────────────────────────────────────────────────

/** The stored application: the contract's `Merchant` plus who decided it (kept for staff, never replied). */
export interface MerchantRecord extends Merchant {
  decidedBy: string | null;
  /** The application attempt: from (user, Idempotency-Key) when the request had one, so its retry is recognised. */
  attempt?: string;
  /** When the approval's role was granted (merchantService.grantRoleOnce); from then on only admins change it. */
  roleGrantedAt?: string;
}

export const merchantKey = (id: string) => ({ pk: `MERCHANT#${id}`, sk: 'META' });
/** The staff queue of one status (byQueue partition). */
export const merchantQueuePk = (status: MerchantStatus) => `MERCHANTS#${status}`;

export function merchantItem(record: MerchantRecord): Item {
  return {
    ...merchantKey(record.id),
    queuePk: merchantQueuePk(record.status),
    queueSk: `${record.createdAt}#${record.id}`,
    type: 'merchant',
    ...record,
  };
}

export function merchantFromItem(item: Item): MerchantRecord {
  return {
    id: item.id as string,
    userId: item.userId as string,
    name: item.name as string,
    category: item.category as string,
    address: item.address as string,
    contact: item.contact as string,
    status: item.status as MerchantStatus,
    reason: (item.reason as string | undefined) ?? null,
    createdAt: item.createdAt as string,
    decidedAt: (item.decidedAt as string | undefined) ?? null,
    decidedBy: (item.decidedBy as string | undefined) ?? null,
    ...(item.attempt ? { attempt: item.attempt as string } : {}),
    ...(item.roleGrantedAt ? { roleGrantedAt: item.roleGrantedAt as string } : {}),
  };
}

// ── Offers ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ClaimIntent {
  userId: string;
  /** The user's slot number the claim holds (see SlotRecord). */
  slot: number;
  code: string;
  at: string;
}

export interface OfferRecord {
  id: string;
  merchantId: string;
  merchantName: string;
  merchantUserId: string;
  title: string;
  description: string;
  alliance: Alliance;
  quantity: number;
  claimed: number;
  redeemed: number;
  perUserLimit: number;
  validFrom: string;
  validUntil: string;
  status: 'active' | 'withdrawn';
  intents: Record<string, ClaimIntent>;
  createdAt: string;
  updatedAt: string;
  /** When a claim last took a unit (recount leaves busy offers alone). */
  lastClaimAt?: string;
  /** When a figure mirrored in the merchant's figures (quantity, claimed, redeemed) last changed. */
  figuresAt?: string;
}

/** The terms an offer is posted with. */
export interface OfferTerms {
  title: string;
  description: string;
  alliance: Alliance;
  quantity: number;
  perUserLimit: number;
  validFrom: string;
  validUntil: string;
}

/** What its merchant may edit (the alliance is fixed). */
export type OfferChanges = Partial<Omit<OfferTerms, 'alliance'>>;

export const offerKey = (id: string) => ({ pk: `OFFER#${id}`, sk: 'META' });
/** Listing partitions: all offers (byQueue), one alliance's (byFeed), one merchant's (byOwner). */
export const ALL_OFFERS_PK = 'OFFERS';
export const allianceOffersPk = (alliance: Alliance) => `OFFERS#${alliance}`;
export const merchantOffersPk = (merchantId: string) => `MERCHANT#${merchantId}`;

export function listingKeys(o: Pick<OfferRecord, 'id' | 'alliance' | 'merchantId' | 'validUntil'>) {
  const sortKey = `${o.validUntil}#${o.id}`;
  return {
    feedPk: allianceOffersPk(o.alliance),
    feedSk: sortKey,
    queuePk: ALL_OFFERS_PK,
    queueSk: sortKey,
    ownerPk: merchantOffersPk(o.merchantId),
    ownerSk: sortKey,
  };
}

export function offerItem(offer: OfferRecord): Item {
  return { ...offerKey(offer.id), ...listingKeys(offer), type: 'offer', ...offer };
}

export function offerFromItem(item: Item): OfferRecord {
  return {
    id: item.id as string,
    merchantId: item.merchantId as string,
    merchantName: item.merchantName as string,
    merchantUserId: item.merchantUserId as string,
    title: item.title as string,
    description: item.description as string,
    alliance: item.alliance as Alliance,
    quantity: item.quantity as number,
    claimed: item.claimed as number,
    redeemed: item.redeemed as number,
    perUserLimit: item.perUserLimit as number,
    validFrom: item.validFrom as string,
    validUntil: item.validUntil as string,
    status: item.status as OfferRecord['status'],
    intents: (item.intents as Record<string, ClaimIntent> | undefined) ?? {},
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    ...(item.lastClaimAt ? { lastClaimAt: item.lastClaimAt as string } : {}),
    ...(item.figuresAt ? { figuresAt: item.figuresAt as string } : {}),
  };
}

/** Stored as active or withdrawn; upcoming before validFrom, expired from validUntil on. */
export function offerStatus(
  offer: Pick<OfferRecord, 'status' | 'validFrom' | 'validUntil'>,
  now: string,
): OfferStatus {
  if (offer.status === 'withdrawn') return 'withdrawn';
  if (now >= offer.validUntil) return 'expired';
  if (now < offer.validFrom) return 'upcoming';
  return 'active';
}

// ── Claims, void markers and slots ──────────────────────────────────────────────────────────────────────────────

export interface ClaimRecord {
  id: string;
  offerId: string;
  code: string;
  userId: string;
  merchantId: string;
  merchantName: string;
  offerTitle: string;
  validUntil: string;
  status: ClaimStatus;
  claimedAt: string;
  redeemedAt?: string;
  redeemedBy?: string;
  /** The redeeming request's mark (claimService.redemptionMark): its retry alone gets the 200 again. */
  redeemedWith?: string;
}

/** What a code's key holds: an issued claim, or the reconciler's void marker. */
export type CodeItem =
  { kind: 'claim'; claim: ClaimRecord } | { kind: 'void'; claimId: string; offerId: string };

/** One of a user's perUserLimit claim slots on an offer; unsettled (journaled on byQueue) while its claim is in flight. */
export interface SlotRecord {
  offerId: string;
  userId: string;
  slot: number;
  claimId: string;
  code: string;
  at: string;
}

export const codeKey = (code: string) => ({ pk: `CODE#${code}`, sk: 'CLAIM' });
/** "My codes" (byOwner partition, sort keys under CLAIM#) and one offer's claims (byQueue partition). */
export const userClaimsPk = (userId: string) => `USER#${userId}`;
export const USER_CLAIMS_PREFIX = 'CLAIM#';
export const offerClaimsPk = (offerId: string) => `OFFER_CLAIMS#${offerId}`;

export const slotKey = (offerId: string, userId: string, slot: number) => ({
  pk: offerKey(offerId).pk,
  sk: `${slotPrefix(userId)}${String(slot).padStart(3, '0')}`,
});
export const slotPrefix = (userId: string) => `SLOT#${userId}#`;
export const UNSETTLED_SLOTS = 'ALLIANCE_UNSETTLED_SLOTS';

export function claimItem(claim: ClaimRecord): Item {
  return {
    ...codeKey(claim.code),
    type: 'claim',
    ...claim,
    ownerPk: userClaimsPk(claim.userId),
    ownerSk: `${USER_CLAIMS_PREFIX}${claim.claimedAt}#${claim.id}`,
    queuePk: offerClaimsPk(claim.offerId),
    queueSk: `${claim.claimedAt}#${claim.id}`,
  };
}

export function voidItem(code: string, claimId: string, offerId: string, now: string): Item {
  return { ...codeKey(code), type: 'claim_void', status: 'void', id: claimId, offerId, voidedAt: now };
}

export function claimFromItem(item: Item): ClaimRecord {
  return {
    id: item.id as string,
    offerId: item.offerId as string,
    code: item.code as string,
    userId: item.userId as string,
    merchantId: item.merchantId as string,
    merchantName: item.merchantName as string,
    offerTitle: item.offerTitle as string,
    validUntil: item.validUntil as string,
    status: item.status as ClaimStatus,
    claimedAt: item.claimedAt as string,
    ...(item.redeemedAt ? { redeemedAt: item.redeemedAt as string } : {}),
    ...(item.redeemedBy ? { redeemedBy: item.redeemedBy as string } : {}),
    ...(item.redeemedWith ? { redeemedWith: item.redeemedWith as string } : {}),
  };
}

export function codeItemFromItem(item: Item): CodeItem {
  if (item.type === 'claim_void')
    return { kind: 'void', claimId: item.id as string, offerId: item.offerId as string };
  return { kind: 'claim', claim: claimFromItem(item) };
}

/** A slot, journaled as unsettled until its claim is done. */
export function slotItem(slot: SlotRecord): Item {
  return {
    ...slotKey(slot.offerId, slot.userId, slot.slot),
    type: 'offer_slot',
    ...slot,
    queuePk: UNSETTLED_SLOTS,
    queueSk: `${slot.at}#${slot.offerId}#${slot.userId}#${slot.slot}`,
  };
}

export function slotFromItem(item: Item): SlotRecord {
  return {
    offerId: item.offerId as string,
    userId: item.userId as string,
    slot: item.slot as number,
    claimId: item.claimId as string,
    code: item.code as string,
    at: item.at as string,
  };
}

// ── Figures (one item per merchant and alliance) ────────────────────────────────────────────────────────────────

export interface FiguresRecord {
  merchantId: string;
  merchantName: string;
  alliance: Alliance;
  offers: number;
  quantity: number;
  claimed: number;
  redeemed: number;
  rev: number; // bumped by every change: a recount writes only if nothing moved since it read
  changedAt: string;
}

export type FigureDelta = Partial<Pick<FiguresRecord, 'offers' | 'quantity' | 'claimed' | 'redeemed'>>;
export const FIGURES_PK = 'ALLIANCE_FIGURES';
export const merchantFiguresPrefix = (merchantId: string) => `MERCHANT#${merchantId}#`;
export const figuresKey = (merchantId: string, alliance: Alliance) => ({
  pk: FIGURES_PK,
  sk: `${merchantFiguresPrefix(merchantId)}${alliance}`,
});
