// Offers: posting, editing and withdrawing by their own approved merchant; public "valid now" listings.
// The merchant's figures mirror each offer: posting adds the offer and its quantity, an edit of the quantity adds
// the difference (the edit applies only if the quantity is still the one read). A crash between the offer write and
// its mirror leaves the figures short; the figures recount (reconcileService.ts) repairs them.
import type { Alliance, Offer } from '../../shared/api/alliance';
import type { Page } from '../lib/dynamo';
import { ConflictError, ForbiddenError, NotFoundError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import type { CurrentUser } from '../lib/principal';
import { nowIso } from '../lib/time';
import { figuresStore } from './figuresStore';
import { merchantService } from './merchantService';
import type { OfferChanges, OfferRecord, OfferTerms } from './model';
import { offerStore } from './offerStore';
import { toOffer } from './views';

const iso = (instant: string) => new Date(instant).toISOString();

/** The offer `id` if this merchant user created it (a retry of the request that did), else null. */
async function ownCreated(caller: CurrentUser, id: string): Promise<Offer | null> {
  const offer = await offerStore.get(id);
  return offer && offer.merchantUserId === caller.id ? toOffer(offer, nowIso()) : null;
}

const toOffers = (page: Page<OfferRecord>, now: string): Page<Offer> => ({
  items: page.items.map((offer) => toOffer(offer, now)),
  nextCursor: page.nextCursor,
});

export const offerService = {
  /** Posts an offer of the caller's approved merchant. */
  /**
   * With an Idempotency-Key (`key`) the offer id comes from (merchant user, key): a retry after any failure finds the
   * offer it created and gets it back (its figures, if the failure came before them, are the recount's to add).
   */
  async create(caller: CurrentUser, terms: OfferTerms, key?: string): Promise<Offer> {
    const merchant = await merchantService.requireApproved(caller);
    const id = creationId('alliance-offer', caller.id, key);
    const earlier = key === undefined ? null : await ownCreated(caller, id);
    if (earlier) return earlier;
    const now = nowIso();
    const validUntil = iso(terms.validUntil);
    if (validUntil <= now) throw new ConflictError('OFFER_NOT_ACTIVE', '结束时间已过，无法发布');
    const offer: OfferRecord = {
      id,
      merchantId: merchant.id,
      merchantName: merchant.name,
      merchantUserId: merchant.userId,
      ...terms,
      validFrom: iso(terms.validFrom),
      validUntil,
      claimed: 0,
      redeemed: 0,
      status: 'active',
      intents: {},
      createdAt: now,
      updatedAt: now,
      figuresAt: now,
    };
    try {
      await offerStore.create(offer);
    } catch (err) {
      // A twin of this request (same key) wrote it first: its offer is ours.
      const twin = key === undefined ? null : await ownCreated(caller, id);
      if (twin) return twin;
      throw err;
    }
    failpoint('alliance.offer.afterCreated');
    await figuresStore.add(offer, { offers: 1, quantity: offer.quantity }, now);
    return toOffer(offer, now);
  },

  async get(id: string): Promise<Offer> {
    const offer = await offerStore.get(id);
    if (!offer) throw new NotFoundError('优惠不存在');
    return toOffer(offer, nowIso());
  },

  async update(caller: CurrentUser, id: string, changes: OfferChanges): Promise<Offer> {
    const merchant = await merchantService.requireApproved(caller);
    const normalized: OfferChanges = {
      ...changes,
      ...(changes.validFrom ? { validFrom: iso(changes.validFrom) } : {}),
      ...(changes.validUntil ? { validUntil: iso(changes.validUntil) } : {}),
    };
    const now = nowIso();
    for (let attempt = 0; attempt < 3; attempt++) {
      const offer = await offerStore.get(id);
      if (!offer) throw new NotFoundError('优惠不存在');
      if (offer.merchantId !== merchant.id) throw new ForbiddenError('只能修改本店发布的优惠');
      if (offer.status !== 'active') throw new ConflictError('OFFER_NOT_ACTIVE', '优惠已撤回，不能修改');
      if (normalized.quantity !== undefined && normalized.quantity < offer.claimed)
        throw new ConflictError('QUANTITY_BELOW_CLAIMED', `已领取 ${offer.claimed} 张，总量不能少于已领取数`);
      if (
        normalized.perUserLimit !== undefined &&
        normalized.quantity === undefined &&
        normalized.perUserLimit > offer.quantity
      )
        throw new ConflictError('LIMIT_ABOVE_QUANTITY', '每人限领不能超过发放总量');
      if (normalized.validUntil !== undefined && offer.claimed > 0)
        throw new ConflictError('OFFER_HAS_CLAIMS', '已有用户领取，不能修改有效期');
      const updated = await offerStore.update(offer, merchant.id, normalized, now);
      if (updated) {
        failpoint('alliance.offer.afterUpdated');
        await figuresStore.add(updated, { quantity: updated.quantity - offer.quantity }, now);
        return toOffer(updated, now);
      }
      // A claim or another edit got in between the read and the write: read again and re-check.
    }
    throw new ConflictError('OFFER_CHANGED', '优惠刚刚发生变化，请刷新后重试');
  },

  async withdraw(caller: CurrentUser, id: string): Promise<Offer> {
    const merchant = await merchantService.requireApproved(caller);
    const now = nowIso();
    const offer = await offerStore.withdraw(id, merchant.id, now);
    if (offer) return toOffer(offer, now);
    const existing = await offerStore.get(id);
    if (!existing) throw new NotFoundError('优惠不存在');
    throw new ForbiddenError('只能撤回本店发布的优惠');
  },

  /** Offers valid now (started, not ended, not withdrawn), ending soonest first. */
  async listValidNow(
    filter: { alliance?: Alliance; merchantId?: string },
    limit: number,
    cursor?: string,
  ): Promise<Page<Offer>> {
    const now = nowIso();
    return toOffers(await offerStore.listValidNow(filter, now, limit, cursor), now);
  },

  /** The caller's merchant's own offers in every state, latest-ending first. */
  async listMine(caller: CurrentUser, limit: number, cursor?: string): Promise<Page<Offer>> {
    const merchant = await merchantService.requireApproved(caller);
    const now = nowIso();
    return toOffers(await offerStore.listForMerchant(merchant.id, limit, cursor), now);
  },
};
