// Venues and bookings (阵地开放 · 一核多点): request schemas, reply types and the booking time rules, used by the
// handlers and by the mini-program's forms.
import * as z from 'zod/mini';
import { checkOpeningHours, hhmm, humanText, isoDate, isoInstant, multilineText, queryInt } from './common';

export const VENUE_KINDS = ['centre_room', 'learning_site', 'outdoor_site'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const VENUE_KIND_LABELS: Record<VenueKind, string> = {
  centre_room: '中心场地',
  learning_site: '学习教育阵地',
  outdoor_site: '户外活动阵地',
};

export const BOOKING_STATUSES = ['pending', 'approved', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  declined: '未通过',
  cancelled: '已取消',
};

export const SLOT_MINUTES = 30;
export const MAX_BOOKING_MINUTES = 8 * 60;
export const BOOKING_HORIZON_DAYS = 60;
export const MAX_VENUE_CAPACITY = 10000;
/** Longest range of GET /v1/venues/{id}/bookings. */
export const MAX_RANGE_DAYS = 31;

const capacity = /* @__PURE__ */ (() =>
  z
    .number({ error: '请输入容纳人数' })
    .check(
      z.int('容纳人数应为整数'),
      z.gte(1, '容纳人数至少为 1'),
      z.lte(MAX_VENUE_CAPACITY, `容纳人数不能超过 ${MAX_VENUE_CAPACITY}`),
    ))();
const location = /* @__PURE__ */ (() =>
  z.strictObject({
    lat: z.number().check(z.gte(-90, '纬度无效'), z.lte(90, '纬度无效')),
    lng: z.number().check(z.gte(-180, '经度无效'), z.lte(180, '经度无效')),
  }))();
const facilities = /* @__PURE__ */ (() =>
  z.array(humanText(1, 20)).check(z.maxLength(20, '最多 20 项设施')))();

export const createVenueSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: humanText(1, 40),
      kind: z.enum(VENUE_KINDS, { error: '请选择场地类型' }),
      address: humanText(1, 100),
      location: z.optional(location),
      capacity,
      facilities: z._default(facilities, []),
      opensAt: z.optional(hhmm),
      closesAt: z.optional(hhmm),
      /** Defaults to true except for outdoor sites, which are listed, not booked. */
      bookable: z.optional(z.boolean()),
    })
    .check(z.superRefine(checkOpeningHours)))();
export type CreateVenueRequest = z.input<typeof createVenueSchema>;

/** PATCH: every field optional; `null` hours or location remove them. Both hours change together. */
export const updateVenueSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: z.optional(humanText(1, 40)),
      kind: z.optional(z.enum(VENUE_KINDS)),
      address: z.optional(humanText(1, 100)),
      location: z.optional(z.nullable(location)),
      capacity: z.optional(capacity),
      facilities: z.optional(facilities),
      opensAt: z.optional(z.nullable(hhmm)),
      closesAt: z.optional(z.nullable(hhmm)),
      bookable: z.optional(z.boolean()),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (value.opensAt !== undefined || value.closesAt !== undefined) checkOpeningHours(value, ctx);
      }),
    ))();
export type UpdateVenueRequest = z.input<typeof updateVenueSchema>;

export const venueListQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    kind: z.optional(z.enum(VENUE_KINDS, { error: '无效的场地类型' })),
    limit: z._default(queryInt(1, 100), 20),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }))();

export const createBookingSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    startsAt: isoInstant,
    endsAt: isoInstant,
    purpose: multilineText(1, 200),
    organisation: humanText(1, 60),
    attendees: z
      .number({ error: '请输入参加人数' })
      .check(
        z.int('参加人数应为整数'),
        z.gte(1, '参加人数至少为 1'),
        z.lte(MAX_VENUE_CAPACITY, '参加人数过多'),
      ),
    /** The booker accepted the one-time subscribe message on the tap → a reminder the day before (extension). */
    subscribe: z.optional(z.boolean()),
  }))();
export type CreateBookingRequest = z.input<typeof createBookingSchema>;

/** District days (`YYYY-MM-DD`), or instants (API.md's time form), which stand for their district day. */
const rangeDay = /* @__PURE__ */ (() =>
  z.union([isoDate, isoInstant], { error: '日期格式应为 YYYY-MM-DD 或带时区的 ISO 8601 时间' }))();
export const bookingRangeQuerySchema = /* @__PURE__ */ (() =>
  z.object({ from: z.optional(rangeDay), to: z.optional(rangeDay) }))();

export const decisionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    decision: z.enum(['approve', 'decline'], { error: '请选择通过或不通过' }),
    reason: z.optional(multilineText(1, 200)),
  }))();
export type DecisionRequest = z.input<typeof decisionSchema>;

export const bookingQueueQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z._default(z.enum(BOOKING_STATUSES), 'pending'),
    limit: z._default(queryInt(1, 100), 20),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }))();

export interface Venue {
  id: string;
  name: string;
  kind: VenueKind;
  address: string;
  location?: { lat: number; lng: number };
  capacity: number;
  facilities: string[];
  opensAt?: string;
  closesAt?: string;
  bookable: boolean;
}

export interface Booking {
  id: string;
  venueId: string;
  startsAt: string;
  endsAt: string;
  purpose: string;
  organisation: string;
  attendees: number;
  status: BookingStatus;
  createdAt: string;
  reason?: string;
  /** Only in staff lists and the booker's own: the venue's name. */
  venueName?: string;
}

/** What a stranger sees of a venue's booking: when, and whether it is pending or approved. */
export interface BookingTime {
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
}

export interface VenueReply {
  venue: Venue;
}
export interface BookingReply {
  booking: Booking;
}
export interface VenueBookingsReply {
  from: string;
  to: string;
  /** Full bookings for staff (and the caller's own); times and status for everyone else. */
  items: (Booking | BookingTime)[];
  /** Always null: the range is the page (API.md's list shape, so a client paging until null stops at once). */
  nextCursor: null;
}

const DISTRICT_OFFSET_MS = 8 * 3600 * 1000;
const MINUTE_MS = 60_000;

/** Minutes since district midnight (UTC+8) and the district date of an instant. */
function districtParts(ms: number): { date: string; minutes: number } {
  const d = new Date(ms + DISTRICT_OFFSET_MS);
  return { date: d.toISOString().slice(0, 10), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Why a booking of [startsAt, endsAt) at this venue breaks the time rules, as field messages (empty: it does
 * not): on the half hour, 30 min – 8 h, in the future and at most 60 days ahead, within opening hours (one
 * district day, UTC+8).
 */
export function bookingTimeProblems(
  venue: { opensAt?: string | null; closesAt?: string | null },
  startsAt: string,
  endsAt: string,
  now: number,
): Record<string, string> {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const problems: Record<string, string> = {};
  if (start % (SLOT_MINUTES * MINUTE_MS) !== 0) problems.startsAt = '开始时间须为整点或半点';
  if (end % (SLOT_MINUTES * MINUTE_MS) !== 0) problems.endsAt = '结束时间须为整点或半点';
  const minutes = (end - start) / MINUTE_MS;
  if (!problems.endsAt && (minutes < SLOT_MINUTES || minutes > MAX_BOOKING_MINUTES))
    problems.endsAt = '预约时长须在 30 分钟到 8 小时之间';
  if (!problems.startsAt && start <= now) problems.startsAt = '不能预约已经开始的时段';
  if (!problems.startsAt && start > now + BOOKING_HORIZON_DAYS * 86400_000)
    problems.startsAt = `最多预约 ${BOOKING_HORIZON_DAYS} 天内的时段`;
  if (Object.keys(problems).length === 0 && venue.opensAt && venue.closesAt) {
    const from = districtParts(start);
    const to = districtParts(end);
    const endMinutes = to.date === from.date ? to.minutes : to.minutes + 24 * 60;
    if (from.minutes < minutesOf(venue.opensAt) || endMinutes > minutesOf(venue.closesAt))
      problems.startsAt = `须在开放时间 ${venue.opensAt}–${venue.closesAt} 内`;
  }
  return problems;
}

/** The half-hour slot starts (UTC ISO) that [startsAt, endsAt) covers. */
export function slotStarts(startsAt: string, endsAt: string): string[] {
  const slots: string[] = [];
  for (let t = Date.parse(startsAt); t < Date.parse(endsAt); t += SLOT_MINUTES * MINUTE_MS)
    slots.push(new Date(t).toISOString());
  return slots;
}

/** The district date (YYYY-MM-DD) and HH:MM of an instant, for display. */
export function districtDateTime(iso: string): { date: string; time: string } {
  const { date, minutes } = districtParts(Date.parse(iso));
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}
