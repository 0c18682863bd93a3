// Shared space (共享空间): request schemas and reply types, used by the handlers and by the mini-program.
import * as z from 'zod/mini';
import { checkOpeningHours, hhmm, humanText, isoDate, queryInt } from './common';
import type { Identity } from './users';

export const MAX_SPACE_CAPACITY = 10000;
/** Spaces without opening hours close a check-in automatically after this long. */
export const AUTO_CHECKOUT_HOURS_WITHOUT_HOURS = 12;

const amenities = /* @__PURE__ */ (() =>
  z.array(humanText(1, 20)).check(z.maxLength(20, '最多 20 项设施')))();
const capacity = /* @__PURE__ */ (() =>
  z
    .number({ error: '请输入容纳人数' })
    .check(
      z.int('容纳人数应为整数'),
      z.gte(1, '容纳人数至少为 1'),
      z.lte(MAX_SPACE_CAPACITY, `容纳人数不能超过 ${MAX_SPACE_CAPACITY}`),
    ))();

export const createSpaceSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: humanText(1, 40),
      address: humanText(1, 100),
      capacity,
      amenities: z._default(amenities, []),
      opensAt: z.optional(hhmm),
      closesAt: z.optional(hhmm),
    })
    .check(z.superRefine(checkOpeningHours)))();
export type CreateSpaceRequest = z.input<typeof createSpaceSchema>;

/** PATCH: every field optional; `null` hours make the space always open. Both hours change together. */
export const updateSpaceSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: z.optional(humanText(1, 40)),
      address: z.optional(humanText(1, 100)),
      capacity: z.optional(capacity),
      amenities: z.optional(amenities),
      opensAt: z.optional(z.nullable(hhmm)),
      closesAt: z.optional(z.nullable(hhmm)),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (value.opensAt !== undefined || value.closesAt !== undefined) checkOpeningHours(value, ctx);
      }),
    ))();
export type UpdateSpaceRequest = z.input<typeof updateSpaceSchema>;

export const checkinRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    token: z.string().check(z.trim(), z.minLength(1, '缺少二维码内容'), z.maxLength(512)),
  }))();
export type CheckinRequest = z.infer<typeof checkinRequestSchema>;

export const QR_FORMATS = ['json', 'svg', 'png'] as const;
export const qrcodeQuerySchema = /* @__PURE__ */ (() =>
  z.object({ format: z._default(z.enum(QR_FORMATS), 'json') }))();

export const statsQuerySchema = /* @__PURE__ */ (() => z.object({ date: z.optional(isoDate) }))();
export const seriesQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    days: z._default(queryInt(1, 92), 30),
    to: z.optional(isoDate),
  }))();

export interface Space {
  id: string;
  name: string;
  address: string;
  capacity: number;
  /** Places taken now: open check-ins, never those past their automatic check-out. */
  occupancy: number;
  amenities: string[];
  opensAt: string | null;
  closesAt: string | null;
  /** Whether the space is within its opening hours right now. */
  openNow: boolean;
  createdAt: string;
  updatedAt: string;
}

export type CheckinStatus = 'in' | 'out';

export interface Checkin {
  id: string;
  spaceId: string;
  status: CheckinStatus;
  checkedInAt: string;
  checkedOutAt?: string;
  /** When the check-in closes by itself (closing time, or 12 h for spaces without hours). */
  autoCheckoutAt: string;
  /** `user` pressed check-out; `auto` was closed at closing time. Only on closed check-ins. */
  closedBy?: 'user' | 'auto';
  spaceName?: string;
}

export interface SpaceReply {
  space: Space;
}
export interface SpaceDetailReply {
  space: Space;
  /** The caller's open check-in here, or null (also null when not signed in). */
  myCheckin: Checkin | null;
}
export interface CheckinReply {
  checkin: Checkin;
  /** The space after the change, for the gauge. */
  space: Space;
}
export interface QrCodeReply {
  token: string;
  /** The H5 check-in page carrying the token: the text the printed code holds. */
  url: string;
  qrRevision: number;
}

export interface SpaceDayStats {
  visits: number;
  uniqueVisitors: number;
  peakOccupancy: number;
  byIdentity: Partial<Record<Identity | 'unknown', number>>;
}
export interface SpaceStatsReply extends SpaceDayStats {
  date: string;
}
export interface SpaceSeriesReply {
  from: string;
  to: string;
  days: (SpaceDayStats & { date: string })[];
}

/** Gauge colour: green under 80 %, amber 80–99 %, red when full. */
export function occupancyLevel(occupancy: number, capacity: number): 'green' | 'amber' | 'red' {
  if (capacity <= 0 || occupancy >= capacity) return 'red';
  return occupancy / capacity >= 0.8 ? 'amber' : 'green';
}

/** H5 path of the check-in page (browser router); the printed QR code holds `<app origin><path>?spaceId=&token=`. */
export const CHECKIN_PAGE_PATH = '/packages/spaces/pages/checkin/index';

/** Reads the space id and door token out of a scanned text: the check-in URL or a bare token. */
export function parseDoorCode(text: string): { spaceId: string | null; token: string } | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const query = trimmed.includes('?') ? trimmed.slice(trimmed.indexOf('?') + 1).split('#')[0] : null;
  if (query === null) return { spaceId: spaceOfToken(trimmed), token: trimmed };
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const i = pair.indexOf('=');
    if (i > 0) params[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1));
  }
  if (!params.token) return null;
  return { spaceId: params.spaceId ?? spaceOfToken(params.token), token: params.token };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The space id inside a door token (`<key>.<base64url JSON {s, r}>.<mac>`); no Buffer/atob, so it runs on weapp. */
export function spaceOfToken(token: string): string | null {
  const body = token.split('.')[1];
  if (!body) return null;
  let bits = 0;
  let value = 0;
  let text = '';
  for (const ch of body) {
    const digit = BASE64URL.indexOf(ch);
    if (digit < 0) return null;
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      text += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  try {
    const payload = JSON.parse(text) as { s?: unknown };
    return typeof payload.s === 'string' ? payload.s : null;
  } catch {
    return null;
  }
}
