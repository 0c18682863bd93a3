// Reply schemas of the staff dashboard and daily figures (see ./common.ts).
import * as z from 'zod';
import type { DashboardReply, StatsSummary } from '../admin';
import { calendarDate, count, type Expect, type RouteReplies, type Same } from './common';

const counts = /* @__PURE__ */ (() => z.record(z.string(), count))();
const amounts = /* @__PURE__ */ (() => z.record(z.string(), z.number().min(0)))();

export const statsSummarySchema = /* @__PURE__ */ (() =>
  z.object({
    participants: count,
    children: count,
    uniqueVisitors: count,
    merchantsActive: count,
    uniqueVisitorsByIdentity: counts,
  }))();

/** GET /v1/admin/stats: per district day, one group of counters per kind of participation (`signups.party_lesson`). */
export const statsReplySchema = /* @__PURE__ */ (() =>
  z.object({
    from: calendarDate,
    to: calendarDate,
    // Every group counts, but booking hours, which come in halves (1.5 h).
    days: z.array(z.object({ date: calendarDate, booking_hours: amounts.optional() }).catchall(counts)),
    totals: z.object({ summary: statsSummarySchema, booking_hours: amounts.optional() }).catchall(counts),
  }))();

export const dashboardReplySchema = /* @__PURE__ */ (() =>
  z.object({
    from: calendarDate,
    to: calendarDate,
    headline: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        unit: z.string(),
        // Amounts, not only counts: booking hours come in halves (1.5 h).
        total: z.number().min(0).nullable(),
        parts: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().min(0) })),
      }),
    ),
    summary: statsSummarySchema,
    attendance: z.array(
      z.object({
        kind: z.string(),
        label: z.string(),
        signups: count,
        attendance: count,
        rate: z.number().min(0).max(1).nullable(),
      }),
    ),
    charts: z.object({
      participationByWeek: z.array(z.object({ week: calendarDate, byKind: counts })),
      checkinsByDay: z.array(z.object({ date: calendarDate, byIdentity: counts })),
      redemptionsByAlliance: counts,
      occupancy: z.array(z.array(count).length(24)).length(7),
    }),
    ranking: z.object({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      items: z.array(z.object({ name: z.string(), participations: count })),
    }),
    labels: z.record(z.string(), z.string()),
    serviceRequests: z.object({
      done: count,
      medianHoursToDone: z
        .object({ lowerHours: z.number().min(0), upperHours: z.number().nullable() })
        .nullable(),
      bucketBoundsHours: z.array(z.number().min(0)),
    }),
  }))();

export type AdminReplyChecks = [
  Expect<Same<z.output<typeof statsSummarySchema>, StatsSummary>>,
  Expect<Same<z.output<typeof dashboardReplySchema>, DashboardReply>>,
];

export const adminReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'GET /v1/admin/stats': statsReplySchema,
  'GET /v1/admin/dashboard': dashboardReplySchema,
}))();
