// Staff dashboard (GET /v1/admin/stats, GET /v1/admin/dashboard): query schemas and reply types, used by the handlers
// and by the mini-program. The contract is API.md 1.1 ("admin/stats"); additions are in docs/api/admin.md.
import * as z from 'zod/mini';
import { isoDate } from './common';

export const MAX_RANGE_DAYS = 92;
export const RANGE_PRESETS = ['this_week', 'this_month', 'last_month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const RANGE_PRESET_LABELS: Record<RangePreset | 'custom', string> = {
  this_week: '本周',
  this_month: '本月',
  last_month: '上月',
  custom: '自定义',
};

export const statsQuerySchema = /* @__PURE__ */ (() =>
  z.object({ from: z.optional(isoDate), to: z.optional(isoDate) }))();

export const dashboardQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    preset: z.optional(z.enum(RANGE_PRESETS)),
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    format: z.optional(z.enum(['json', 'csv'])),
  }))();
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;

/** `totals.summary` of /v1/admin/stats (API.md 1.1): distinct people over the range. */
export interface StatsSummary {
  participants: number;
  children: number;
  uniqueVisitors: number;
  merchantsActive: number;
  /** Distinct visitors by identity (`unknown`: no identity given). */
  uniqueVisitorsByIdentity: Record<string, number>;
}

/** One headline row of the dashboard, as the server's dimension list describes it (no client change to add one). */
export interface HeadlineRow {
  /** The counter group, e.g. `signups`, `bookings`. */
  id: string;
  label: string;
  unit: string;
  /** Sum of the parts; null when they are different things (offers claimed vs redeemed). */
  total: number | null;
  parts: { key: string; label: string; value: number }[];
}

export interface AttendanceRow {
  kind: string;
  label: string;
  signups: number;
  attendance: number;
  /** attendance ÷ sign-ups, 0..1, rounded to 3 places; null without sign-ups. */
  rate: number | null;
}

/** Service requests done in the range and where their median time from submission to done lies (hours). */
export interface ServiceRequestFigures {
  /** Requests done in the range (by the day they were done). */
  done: number;
  /**
   * The median time to done lies in `[lowerHours, upperHours)` (`upperHours` null: at least `lowerHours`), read from
   * fixed buckets; null without any request done in the range.
   */
  medianHoursToDone: { lowerHours: number; upperHours: number | null } | null;
  /** The buckets' bounds in hours: bucket i is [bounds[i], bounds[i+1]), the last one open. */
  bucketBoundsHours: number[];
}

export interface DashboardReply {
  from: string;
  to: string;
  headline: HeadlineRow[];
  summary: StatsSummary;
  attendance: AttendanceRow[];
  charts: {
    /** Weeks start on Monday; `byKind`: sign-ups + attendance per event kind. */
    participationByWeek: { week: string; byKind: Record<string, number> }[];
    /** Check-ins per day by identity (stacked). */
    checkinsByDay: { date: string; byIdentity: Record<string, number> }[];
    redemptionsByAlliance: Record<string, number>;
    /** occupancy[weekday][hour]: check-ins that started then; weekday 0 = Monday, hour in district time. */
    occupancy: number[][];
  };
  /** "Who is active": the district month holding `to`, names only (staff only, never phones). */
  ranking: { month: string; items: { name: string; participations: number }[] };
  /** Labels of the keys the charts use (event kinds, identities, alliances). */
  labels: Record<string, string>;
  serviceRequests: ServiceRequestFigures;
}
