// Records → the contract's reply shapes.
import type { Claim, Offer, OfferStatus } from '../../shared/api/alliance';
import type { ClaimRecord } from './claimStore';
import type { OfferRecord } from './offerStore';

export function offerStatus(
  offer: Pick<OfferRecord, 'status' | 'validFrom' | 'validUntil'>,
  now: string,
): OfferStatus {
  if (offer.status === 'withdrawn') return 'withdrawn';
  if (now >= offer.validUntil) return 'expired';
  if (now < offer.validFrom) return 'upcoming';
  return 'active';
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
