// Reply schemas of shared spaces (see ./common.ts).
import * as z from 'zod';
import { IDENTITIES } from '../users';
import type {
  Checkin,
  CheckinReply,
  QrCodeReply,
  Space,
  SpaceDetailReply,
  SpaceReply,
  SpaceSeriesReply,
  SpaceStatsReply,
} from '../spaces';
import { calendarDate, count, instant, pageOf, type Expect, type RouteReplies, type Same } from './common';

const hhmm = /* @__PURE__ */ (() => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/))();

export const spaceSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    capacity: count,
    occupancy: count,
    amenities: z.array(z.string()),
    opensAt: hhmm.nullable(),
    closesAt: hhmm.nullable(),
    openNow: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  }))();

export const checkinSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    spaceId: z.string(),
    status: z.enum(['in', 'out']),
    checkedInAt: instant,
    checkedOutAt: instant.optional(),
    autoCheckoutAt: instant,
    closedBy: z.enum(['user', 'auto']).optional(),
    spaceName: z.string().optional(),
  }))();

export const spaceReplySchema = /* @__PURE__ */ (() => z.object({ space: spaceSchema }))();
export const spaceDetailReplySchema = /* @__PURE__ */ (() =>
  z.object({ space: spaceSchema, myCheckin: checkinSchema.nullable() }))();
export const checkinReplySchema = /* @__PURE__ */ (() =>
  z.object({ checkin: checkinSchema, space: spaceSchema }))();
export const qrCodeReplySchema = /* @__PURE__ */ (() =>
  z.object({ token: z.string(), url: z.url(), qrRevision: count }))();

const dayStats = /* @__PURE__ */ (() =>
  z.object({
    visits: count,
    uniqueVisitors: count,
    peakOccupancy: count,
    byIdentity: z.partialRecord(z.enum([...IDENTITIES, 'unknown']), count),
  }))();
export const spaceStatsReplySchema = /* @__PURE__ */ (() => dayStats.extend({ date: calendarDate }))();
export const spaceSeriesReplySchema = /* @__PURE__ */ (() =>
  z.object({
    from: calendarDate,
    to: calendarDate,
    days: z.array(dayStats.extend({ date: calendarDate })),
  }))();

export type SpaceReplyChecks = [
  Expect<Same<z.output<typeof spaceSchema>, Space>>,
  Expect<Same<z.output<typeof checkinSchema>, Checkin>>,
  Expect<Same<z.output<typeof spaceReplySchema>, SpaceReply>>,
  Expect<Same<z.output<typeof spaceDetailReplySchema>, SpaceDetailReply>>,
  Expect<Same<z.output<typeof checkinReplySchema>, CheckinReply>>,
  Expect<Same<z.output<typeof qrCodeReplySchema>, QrCodeReply>>,
  Expect<Same<z.output<typeof spaceStatsReplySchema>, SpaceStatsReply>>,
  Expect<Same<z.output<typeof spaceSeriesReplySchema>, SpaceSeriesReply>>,
];

export const spacesReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'POST /v1/spaces': spaceReplySchema,
  'GET /v1/spaces': pageOf(spaceSchema),
  'GET /v1/spaces/{id}': spaceDetailReplySchema,
  'PATCH /v1/spaces/{id}': spaceReplySchema,
  'GET /v1/spaces/{id}/qrcode': qrCodeReplySchema,
  'POST /v1/spaces/{id}/qrcode/rotate': qrCodeReplySchema,
  'POST /v1/spaces/{id}/checkins': checkinReplySchema,
  'POST /v1/spaces/{id}/checkout': checkinReplySchema,
  'GET /v1/spaces/{id}/stats': spaceStatsReplySchema,
  'GET /v1/spaces/{id}/stats/daily': spaceSeriesReplySchema,
  'GET /v1/me/checkins': pageOf(checkinSchema),
}))();
