// Records → the contract's reply shapes.
import type { Claim, Merchant, MerchantStatsReply, Offer } from '../../shared/api/alliance';
import { offerStatus, type ClaimRecord, type MerchantRecord, type OfferRecord } from './model';

export function toMerchant(record: MerchantRecord): Merchant {
  return {
    id: record.id,
    userId: record.userId,
    name: record.name,
    category: record.category,
    address: record.address,
    contact: record.contact,
    status: record.status,
    reason: record.reason,
    createdAt: record.createdAt,
    decidedAt: record.decidedAt,
  };
}

export function toOffer(offer: OfferRecord, now: string): Offer {
  return {
    id: offer.id,
    merchant: { id: offer.merchantId, name: offer.merchantName },
    title: offer.title,
    description: offer.description,
    alliance: offer.alliance,
    quantity: offer.quantity,
    claimed: offer.claimed,
    remaining: Math.max(0, offer.quantity - offer.claimed),
    redeemed: offer.redeemed,
    perUserLimit: offer.perUserLimit,
    validFrom: offer.validFrom,
    validUntil: offer.validUntil,
    status: offerStatus(offer, now),
    createdAt: offer.createdAt,
  };
}

/** One row of a merchant's figures. */
export function toOfferFigures(offer: OfferRecord, now: string): MerchantStatsReply['byOffer'][number] {
  return {
    offerId: offer.id,
    title: offer.title,
    status: offerStatus(offer, now),
    quantity: offer.quantity,
    claimed: offer.claimed,
    redeemed: offer.redeemed,
  };
}

export function toClaim(claim: ClaimRecord): Claim {
  return {
    id: claim.id,
    offerId: claim.offerId,
    code: claim.code,
    status: claim.status,
    claimedAt: claim.claimedAt,
    ...(claim.redeemedAt ? { redeemedAt: claim.redeemedAt } : {}),
    offerTitle: claim.offerTitle,
    merchant: { id: claim.merchantId, name: claim.merchantName },
    validUntil: claim.validUntil,
  };
}
