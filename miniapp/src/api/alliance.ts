// Alliance offers API calls, typed by the shared schemas (shared/api/alliance.ts).
import type {
  Alliance,
  AllianceStatsReply,
  ApplyMerchantRequest,
  Claim,
  ClaimReply,
  CreateOfferRequest,
  Merchant,
  MerchantDecisionRequest,
  MerchantReply,
  MerchantStatsReply,
  MerchantStatus,
  MyMerchantReply,
  Offer,
  OfferReply,
  UpdateOfferRequest,
} from '@shared/api/alliance';
import type { Page } from '@shared/api/common';
import { api } from './client';

const id = (value: string) => encodeURIComponent(value);

export const allianceApi = {
  offers: (query: { alliance?: Alliance; merchantId?: string }, cursor?: string | null, limit = 20) =>
    api.get<Page<Offer>>('/offers', { ...query, limit, cursor }),
  offer: async (offerId: string): Promise<Offer> =>
    (await api.get<OfferReply>(`/offers/${id(offerId)}`)).offer,
  /** Pass the same key when retrying one tap, so a retry never claims twice. */
  claim: async (offerId: string, idempotencyKey?: string): Promise<Claim> =>
    (await api.post<ClaimReply>(`/offers/${id(offerId)}/claims`, undefined, { idempotencyKey })).claim,
  myClaims: (cursor?: string | null, limit = 20) => api.get<Page<Claim>>('/me/claims', { limit, cursor }),
  /** My codes of one offer, newest first (the list has no filter: a few pages of 100 cover anyone's claims). */
  myClaimsOf: async (offerId: string): Promise<Claim[]> => {
    const found: Claim[] = [];
    let cursor: string | null = null;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const page: Page<Claim> = await api.get<Page<Claim>>('/me/claims', { limit: 100, cursor });
      found.push(...page.items.filter((c) => c.offerId === offerId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return found;
  },

  // Merchants
  myMerchant: async (): Promise<Merchant | null> =>
    (await api.get<MyMerchantReply>('/merchants/me')).merchant,
  apply: async (request: ApplyMerchantRequest): Promise<Merchant> =>
    (await api.post<MerchantReply>('/merchants', request)).merchant,
  myOffers: (cursor?: string | null, limit = 20) =>
    api.get<Page<Offer>>('/merchants/me/offers', { limit, cursor }),
  myStats: () => api.get<MerchantStatsReply>('/merchants/me/stats'),
  createOffer: async (request: CreateOfferRequest): Promise<Offer> =>
    (await api.post<OfferReply>('/offers', request)).offer,
  updateOffer: async (offerId: string, request: UpdateOfferRequest): Promise<Offer> =>
    (await api.patch<OfferReply>(`/offers/${id(offerId)}`, request)).offer,
  withdrawOffer: async (offerId: string): Promise<Offer> =>
    (await api.delete<OfferReply>(`/offers/${id(offerId)}`)).offer,
  redeem: async (code: string): Promise<Claim> =>
    (await api.post<ClaimReply>('/redemptions', { code })).claim,

  // Staff
  applications: (status: MerchantStatus, cursor?: string | null, limit = 20) =>
    api.get<Page<Merchant>>('/admin/merchants', { status, limit, cursor }),
  decide: async (merchantId: string, request: MerchantDecisionRequest): Promise<Merchant> =>
    (await api.post<MerchantReply>(`/admin/merchants/${id(merchantId)}/decision`, request)).merchant,
  allianceStats: () => api.get<AllianceStatsReply>('/admin/alliance/stats'),
};
