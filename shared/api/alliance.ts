// Alliance offers (行业联盟 / 异业联盟): merchant onboarding, offers, claim codes, redemption.
// Request schemas (zod 4) and reply types shared by the handlers and the mini-program.
import * as z from 'zod/mini';
import type { $RefinementCtx } from 'zod/v4/core';
import { humanText, idPathParams, itemId, multilineText, isoInstant, pageQuerySchema } from './common';

export const ALLIANCES = ['industry', 'cross_industry'] as const;
export type Alliance = (typeof ALLIANCES)[number];
export const ALLIANCE_LABELS: Record<Alliance, string> = { industry: '行业联盟', cross_industry: '异业联盟' };

export const MERCHANT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];
export const MERCHANT_STATUS_LABELS: Record<MerchantStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

/** Stored `active | withdrawn`; reported also `upcoming` (before validFrom) and `expired` (after validUntil). */
export const OFFER_STATUSES = ['active', 'upcoming', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  active: '进行中',
  upcoming: '未开始',
  expired: '已结束',
  withdrawn: '已撤回',
};

export const CLAIM_STATUSES = ['claimed', 'redeemed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = { claimed: '待使用', redeemed: '已核销' };

export const MAX_OFFER_QUANTITY = 100000;
export const MAX_PER_USER_LIMIT = 100;
export const MAX_VALIDITY_DAYS = 366;

// ---------------------------------------------------------------------------------------------------------------
// Claim codes: 13 Crockford base32 symbols (65 random bits) + 1 check symbol, shown as XXXX-XXXX-XXXX-XX.
// The check symbol makes the weighted sum Σ d_i·α^(n−i) over GF(32) (α a primitive element, x^5+x^2+1) zero.
// That catches every single-symbol substitution (the change is e·α^k ≠ 0) and every adjacent transposition
// (the change is (x−y)·α^k·(α+1) ≠ 0 since α ≠ 1), also jump transpositions and twin errors.
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_DATA_LENGTH = 13;
export const CODE_LENGTH = CODE_DATA_LENGTH + 1;

function timesAlpha(value: number): number {
  const shifted = value << 1;
  return shifted & 0x20 ? shifted ^ 0x25 : shifted;
}

function weightedSum(symbols: string): number {
  let sum = 0;
  for (const ch of symbols) sum = timesAlpha(sum) ^ CODE_ALPHABET.indexOf(ch);
  return sum;
}

/** The check symbol for data symbols (already canonical). */
export function checkSymbol(data: string): string {
  return CODE_ALPHABET[timesAlpha(weightedSum(data))];
}

/** Upper-cases, drops spaces and hyphens, and reads O as 0 and I/L as 1 (Crockford's decoding rules). */
export function normalizeClaimCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export type ClaimCodeProblem = 'length' | 'symbol' | 'check';

/** Why a normalized code is malformed, or null when it is well formed (right length, alphabet and check symbol). */
export function claimCodeProblem(code: string): ClaimCodeProblem | null {
  if (code.length !== CODE_LENGTH) return 'length';
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return 'symbol';
  return weightedSum(code) === 0 ? null : 'check';
}

export const CLAIM_CODE_PROBLEM_MESSAGES: Record<ClaimCodeProblem, string> = {
  length: `券码应为 ${CODE_LENGTH} 位字母或数字`,
  symbol: '券码含有无效字符（不含 U 等字母）',
  check: '券码校验未通过，请核对后重新输入',
};

/** `ABCD-EFGH-JKMN-PQ`: groups of four for reading aloud. */
export function formatClaimCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const applyMerchantSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: humanText(1, 40),
    category: humanText(1, 20),
    address: humanText(1, 100),
    contact: humanText(1, 50),
  }))();
export type ApplyMerchantRequest = z.input<typeof applyMerchantSchema>;

export const merchantDecisionSchema = /* @__PURE__ */ (() =>
  z.strictObject({ decision: z.enum(['approve', 'reject']), reason: z.optional(humanText(1, 200)) }))();
export type MerchantDecisionRequest = z.input<typeof merchantDecisionSchema>;

const offerTerms = /* @__PURE__ */ (() => ({
  title: humanText(1, 40),
  description: multilineText(1, 500),
  quantity: z.number().check(z.int(), z.gte(1), z.lte(MAX_OFFER_QUANTITY)),
  perUserLimit: z.number().check(z.int(), z.gte(1), z.lte(MAX_PER_USER_LIMIT)),
  validFrom: isoInstant,
  validUntil: isoInstant,
}))();

function checkWindow(
  value: { validFrom?: string; validUntil?: string; quantity?: number; perUserLimit?: number },
  ctx: $RefinementCtx,
): void {
  if (value.validFrom !== undefined && value.validUntil !== undefined) {
    const from = Date.parse(value.validFrom);
    const until = Date.parse(value.validUntil);
    if (until <= from)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '结束时间须晚于开始时间' });
    else if (until - from > MAX_VALIDITY_DAYS * 86400000)
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: `有效期不能超过 ${MAX_VALIDITY_DAYS} 天`,
      });
  }
  if (value.quantity !== undefined && value.perUserLimit !== undefined && value.perUserLimit > value.quantity)
    ctx.addIssue({ code: 'custom', path: ['perUserLimit'], message: '每人限领不能超过发放总量' });
}

export const createOfferSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      ...offerTerms,
      alliance: z.enum(ALLIANCES),
      perUserLimit: z._default(offerTerms.perUserLimit, 1),
    })
    .check(z.superRefine(checkWindow)))();
export type CreateOfferRequest = z.input<typeof createOfferSchema>;

/** PATCH /v1/offers/{id}: any of these; the window only while nothing has been claimed. */
export const updateOfferSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      title: z.optional(offerTerms.title),
      description: z.optional(offerTerms.description),
      quantity: z.optional(offerTerms.quantity),
      perUserLimit: z.optional(offerTerms.perUserLimit),
      validFrom: z.optional(offerTerms.validFrom),
      validUntil: z.optional(offerTerms.validUntil),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (Object.values(value).every((v) => v === undefined))
          ctx.addIssue({ code: 'custom', path: ['_'], message: '没有要修改的内容' });
        if ((value.validFrom === undefined) !== (value.validUntil === undefined))
          ctx.addIssue({
            code: 'custom',
            path: [value.validFrom === undefined ? 'validFrom' : 'validUntil'],
            message: '开始和结束时间需一起修改',
          });
        checkWindow(value, ctx);
      }),
    ))();
export type UpdateOfferRequest = z.input<typeof updateOfferSchema>;

export const redeemSchema = /* @__PURE__ */ (() =>
  z.strictObject({ code: z.pipe(z.string().check(z.maxLength(64)), z.transform(normalizeClaimCode)) }).check(
    z.superRefine((value, ctx) => {
      const problem = claimCodeProblem(value.code);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['code'], message: CLAIM_CODE_PROBLEM_MESSAGES[problem] });
    }),
  ))();
export type RedeemRequest = z.input<typeof redeemSchema>;

export const listOffersQuerySchema = /* @__PURE__ */ (() =>
  z.extend(pageQuerySchema, {
    alliance: z.optional(z.enum(ALLIANCES)),
    merchantId: z.optional(itemId()),
  }))();
export const listMerchantsQuerySchema = /* @__PURE__ */ (() =>
  z.extend(pageQuerySchema, {
    status: z._default(z.enum(MERCHANT_STATUSES), 'pending'),
  }))();
export const idParamsSchema = idPathParams;

// ---------------------------------------------------------------------------------------------------------------
// Replies

export interface Merchant {
  id: string;
  userId: string;
  name: string;
  category: string;
  address: string;
  contact: string;
  status: MerchantStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Offer {
  id: string;
  merchant: { id: string; name: string };
  title: string;
  description: string;
  alliance: Alliance;
  quantity: number;
  claimed: number;
  remaining: number;
  redeemed: number;
  perUserLimit: number;
  validFrom: string;
  validUntil: string;
  status: OfferStatus;
  createdAt: string;
}

export interface Claim {
  id: string;
  offerId: string;
  code: string;
  status: ClaimStatus;
  claimedAt: string;
  redeemedAt?: string;
  /** Additions for the "my codes" page and the till. */
  offerTitle: string;
  merchant: { id: string; name: string };
  validUntil: string;
}

export interface MerchantReply {
  merchant: Merchant;
}
export interface MyMerchantReply {
  merchant: Merchant | null;
}
export interface OfferReply {
  offer: Offer;
}
export interface ClaimReply {
  claim: Claim;
}

export interface OfferFigures {
  offers: number;
  quantity: number;
  claimed: number;
  redeemed: number;
}

export interface MerchantStatsReply {
  totals: OfferFigures;
  byOffer: {
    offerId: string;
    title: string;
    status: OfferStatus;
    quantity: number;
    claimed: number;
    redeemed: number;
  }[];
  /** `byOffer` is one page (`?limit=&cursor=`, latest-ending first); the next page's cursor, or null. */
  nextCursor?: string | null;
}

export interface AllianceStatsReply {
  merchants: { pending: number; approved: number; rejected: number; participating: number };
  byAlliance: Record<Alliance, OfferFigures & { merchants: number }>;
  byMerchant: (OfferFigures & { merchant: { id: string; name: string }; alliances: Alliance[] })[];
}
