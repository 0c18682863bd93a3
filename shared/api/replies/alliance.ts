// Reply schemas of alliance offers (see ./common.ts).
import * as z from 'zod';
import {
  ALLIANCES,
  CLAIM_STATUSES,
  MERCHANT_STATUSES,
  OFFER_STATUSES,
  type AllianceStatsReply,
  type Claim,
  type ClaimReply,
  type Merchant,
  type MerchantReply,
  type MerchantStatsReply,
  type MyMerchantReply,
  type Offer,
  type OfferReply,
} from '../alliance';
import { count, instant, pageOf, type Expect, type RouteReplies, type Same } from './common';

const merchantRef = /* @__PURE__ */ (() => z.object({ id: z.string(), name: z.string() }))();

export const merchantSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    category: z.string(),
    address: z.string(),
    contact: z.string(),
    status: z.enum(MERCHANT_STATUSES),
    reason: z.string().nullable(),
    createdAt: instant,
    decidedAt: instant.nullable(),
  }))();

export const offerSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    merchant: merchantRef,
    title: z.string(),
    description: z.string(),
    alliance: z.enum(ALLIANCES),
    quantity: count,
    claimed: count,
    remaining: count,
    redeemed: count,
    perUserLimit: count,
    validFrom: instant,
    validUntil: instant,
    status: z.enum(OFFER_STATUSES),
    createdAt: instant,
  }))();

export const claimSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    offerId: z.string(),
    code: z.string(),
    status: z.enum(CLAIM_STATUSES),
    claimedAt: instant,
    redeemedAt: instant.optional(),
    offerTitle: z.string(),
    merchant: merchantRef,
    validUntil: instant,
  }))();

export const merchantReplySchema = /* @__PURE__ */ (() => z.object({ merchant: merchantSchema }))();
export const myMerchantReplySchema = /* @__PURE__ */ (() =>
  z.object({ merchant: merchantSchema.nullable() }))();
export const offerReplySchema = /* @__PURE__ */ (() => z.object({ offer: offerSchema }))();
export const claimReplySchema = /* @__PURE__ */ (() => z.object({ claim: claimSchema }))();

const figures = /* @__PURE__ */ (() =>
  z.object({ offers: count, quantity: count, claimed: count, redeemed: count }))();

export const merchantStatsReplySchema = /* @__PURE__ */ (() =>
  z.object({
    totals: figures,
    byOffer: z.array(
      z.object({
        offerId: z.string(),
        title: z.string(),
        status: z.enum(OFFER_STATUSES),
        quantity: count,
        claimed: count,
        redeemed: count,
      }),
    ),
    nextCursor: z.string().nullable().optional(),
  }))();

export const allianceStatsReplySchema = /* @__PURE__ */ (() =>
  z.object({
    merchants: z.object({ pending: count, approved: count, rejected: count, participating: count }),
    byAlliance: z.object({
      industry: figures.extend({ merchants: count }),
      cross_industry: figures.extend({ merchants: count }),
    }),
    byMerchant: z.array(figures.extend({ merchant: merchantRef, alliances: z.array(z.enum(ALLIANCES)) })),
  }))();

export type AllianceReplyChecks = [
  Expect<Same<z.output<typeof merchantSchema>, Merchant>>,
  Expect<Same<z.output<typeof offerSchema>, Offer>>,
  Expect<Same<z.output<typeof claimSchema>, Claim>>,
  Expect<Same<z.output<typeof merchantReplySchema>, MerchantReply>>,
  Expect<Same<z.output<typeof myMerchantReplySchema>, MyMerchantReply>>,
  Expect<Same<z.output<typeof offerReplySchema>, OfferReply>>,
  Expect<Same<z.output<typeof claimReplySchema>, ClaimReply>>,
  Expect<Same<z.output<typeof merchantStatsReplySchema>, MerchantStatsReply>>,
  Expect<Same<z.output<typeof allianceStatsReplySchema>, AllianceStatsReply>>,
];

export const allianceReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'POST /v1/merchants': merchantReplySchema,
  'GET /v1/merchants/me': myMerchantReplySchema,
  'GET /v1/merchants/me/offers': pageOf(offerSchema),
  'GET /v1/merchants/me/stats': merchantStatsReplySchema,
  'GET /v1/admin/merchants': pageOf(merchantSchema),
  'POST /v1/admin/merchants/{id}/decision': merchantReplySchema,
  'GET /v1/admin/alliance/stats': allianceStatsReplySchema,
  'POST /v1/offers': offerReplySchema,
  'GET /v1/offers': pageOf(offerSchema),
  'GET /v1/offers/{id}': offerReplySchema,
  'PATCH /v1/offers/{id}': offerReplySchema,
  'DELETE /v1/offers/{id}': offerReplySchema,
  'POST /v1/offers/{id}/claims': claimReplySchema,
  'GET /v1/me/claims': pageOf(claimSchema),
  'POST /v1/redemptions': claimReplySchema,
}))();
