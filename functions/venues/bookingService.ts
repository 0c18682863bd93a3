// Bookings: create (idempotent by Idempotency-Key), cancel, staff decisions, and the lists. The slot steps and
// their crash safety live in slotSteps.ts.
import type * as z from 'zod/mini';
import {
  MAX_RANGE_DAYS,
  bookingTimeProblems,
  type Booking,
  type BookingTime,
  type VenueBookingsReply,
  type createBookingSchema,
  type decisionSchema,
} from '../../shared/api/venues';
import type { Page } from '../lib/dynamo';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../lib/errors';
import { failpoint } from '../lib/faults';
import { notify } from '../lib/inbox';
import { notices } from '../lib/inboxNotices';
import { newId, stableId } from '../lib/ids';
import { countBookingFigures } from '../lib/dashboardCounters';
import { hasRole, type CurrentUser } from '../lib/principal';
import { addDays, daySpan, districtDate, districtInstant } from '../lib/time';
import { bookingStore } from './bookingStore';
import { ACTIVE_STATUSES, type BookingRecord } from './model';
import { changeStatus, claimAndConfirm, close, releaseAll } from './slotSteps';
import { venueService } from './venueService';
import { toBooking, toBookingTime } from './views';

type CreateInput = z.output<typeof createBookingSchema>;
type DecisionInput = z.output<typeof decisionSchema>;

/** The booking id of a request carrying an Idempotency-Key: the same for every retry of it. */
export const bookingIdFor = (userId: string, key: string) => stableId('b', `booking|${userId}|${key}`);

const slotTaken = () => new ConflictError('SLOT_TAKEN', '该时段已被预约，请选择其他时间');
const closedAlready = () => new ConflictError('BOOKING_CLOSED', '该预约已处理或已取消');
/** Its time has begun: no longer cancelled or approved (its figures, e.g. hours used that day, stay as they are). */
const begun = (booking: BookingRecord, now: number) => Date.parse(booking.startsAt) <= now;
const startedAlready = (what: string) => new ConflictError('BOOKING_STARTED', `预约时段已开始，不能${what}`);
const isStaff = (user: CurrentUser) => hasRole(user, 'staff', 'admin');

/** A booking a person may see: not a claim that failed. */
async function requireVisible(id: string): Promise<BookingRecord> {
  const booking = await bookingStore.get(id);
  if (!booking || booking.status === 'failed') throw new NotFoundError('预约不存在');
  return booking;
}

/** Steps 2–3 for a claiming booking; the booking as it ends up. */
async function complete(booking: BookingRecord, now: number): Promise<BookingRecord> {
  const outcome = await claimAndConfirm(booking, now);
  if (outcome.kind === 'taken') throw slotTaken();
  if (outcome.kind === 'lost') throw new UnavailableError();
  return outcome.booking;
}

/** 消息: the booker hears of the decision, once it is stored. */
const bookingNotice = (b: BookingRecord) =>
  notices.bookingDecided({
    userId: b.userId,
    bookingId: b.id,
    venueName: b.venueName,
    status: b.status,
    reason: b.reason,
  });

export const bookingService = {
  async create(venueId: string, user: CurrentUser, input: CreateInput, key?: string): Promise<Booking> {
    const now = Date.now();
    const venue = await venueService.require(venueId);
    if (!venue.bookable) throw new ConflictError('NOT_BOOKABLE', '该场地仅供展示，不接受预约');
    const startsAt = new Date(input.startsAt).toISOString();
    const endsAt = new Date(input.endsAt).toISOString();
    const problems = bookingTimeProblems(venue, startsAt, endsAt, now);
    if (input.attendees > venue.capacity) problems.attendees = `不能超过场地容纳人数 ${venue.capacity}`;
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    const record: BookingRecord = {
      id: key ? bookingIdFor(user.id, key) : newId(now),
      venueId,
      venueName: venue.name,
      userId: user.id,
      startsAt,
      endsAt,
      purpose: input.purpose,
      organisation: input.organisation,
      attendees: input.attendees,
      status: 'claiming',
      released: false,
      createdAt: new Date(now).toISOString(),
      changedAt: now,
      ...(input.subscribe === true ? { subscribe: true } : {}),
    };
    if (!(await bookingStore.putIntent(record))) {
      // A retry of the same request: carry on from wherever the first try stopped.
      const existing = await bookingStore.get(record.id);
      if (!existing) throw new UnavailableError();
      if (existing.status === 'failed') throw slotTaken();
      const settled = existing.status === 'claiming' ? await complete(existing, now) : existing;
      await countBookingFigures(settled); // the first try may have died before counting
      return toBooking(settled);
    }
    failpoint('venues.book.afterIntent');
    const booked = await complete(record, now);
    await countBookingFigures(booked);
    return toBooking(booked);
  },

  /**
   * Cancels a pending or approved booking whose time has not begun (its booker, or staff); a retry answers the same.
   * Once begun it stays as it is (409 BOOKING_STARTED), as account closing leaves it (accountDataService.ts).
   */
  async cancel(user: CurrentUser, id: string): Promise<Booking> {
    const booking = await requireVisible(id);
    if (booking.userId !== user.id && !isStaff(user)) throw new ForbiddenError('只能取消自己的预约');
    if (booking.status === 'cancelled') {
      if (!booking.released) await releaseAll(booking);
      await countBookingFigures(booking);
      return toBooking(booking);
    }
    const now = Date.now();
    if (ACTIVE_STATUSES.includes(booking.status) && begun(booking, now)) throw startedAlready('取消');
    const cancelled = await close(booking, 'cancelled', ACTIVE_STATUSES, {}, now);
    if (cancelled) {
      await countBookingFigures(cancelled);
      return toBooking(cancelled);
    }
    const current = await requireVisible(id);
    if (current.status === 'cancelled') return toBooking(current);
    throw closedAlready();
  },

  /**
   * Staff approve or decline a pending booking — never one they made themselves; approve only before its time
   * begins (409 BOOKING_STARTED), decline at any time.
   */
  async decide(staff: CurrentUser, id: string, input: DecisionInput): Promise<Booking> {
    const booking = await requireVisible(id);
    if (booking.userId === staff.id) throw new ForbiddenError('不能审批自己提交的预约');
    const now = Date.now();
    const wanted = input.decision === 'approve' ? 'approved' : 'declined';
    if (booking.status === wanted) {
      if (!booking.released && wanted === 'declined') await releaseAll(booking);
      await countBookingFigures(booking);
      await notify(bookingNotice(booking)); // 消息: a repeated decision completes one that died before telling
      return toBooking(booking);
    }
    if (wanted === 'approved' && booking.status === 'pending' && begun(booking, now))
      throw startedAlready('通过审批');
    const details = { decidedBy: staff.id, ...(input.reason ? { reason: input.reason } : {}) };
    const decided =
      wanted === 'approved'
        ? await changeStatus(id, ['pending'], { to: 'approved', ...details }, now)
        : await close(booking, 'declined', ['pending'], details, now);
    if (!decided) throw closedAlready();
    await countBookingFigures(decided);
    await notify(bookingNotice(decided));
    return toBooking(decided);
  },

  async mine(userId: string, limit: number, cursor?: string): Promise<Page<Booking>> {
    const page = await bookingStore.pageOfUser(userId, limit, cursor);
    return { items: page.items.map(toBooking), nextCursor: page.nextCursor };
  },

  async queue(status: Booking['status'], limit: number, cursor?: string): Promise<Page<Booking>> {
    const page = await bookingStore.pageInPhase(status, limit, cursor);
    return { items: page.items.map(toBooking), nextCursor: page.nextCursor };
  },

  /**
   * A venue's bookings that overlap the district days from–to (default: today and the next 6 days): in full for
   * staff and for the caller's own, times and status for everyone else.
   */
  async ofVenue(
    venueId: string,
    reader: CurrentUser | null,
    range: { from?: string; to?: string },
  ): Promise<VenueBookingsReply> {
    // An instant stands for its district day.
    const dayOf = (v: string) => (v.length > 10 ? districtDate(Date.parse(v)) : v);
    const from = range.from === undefined ? districtDate() : dayOf(range.from);
    const to = range.to === undefined ? addDays(from, 6) : dayOf(range.to);
    if (to < from) throw new ValidationError({ to: '结束日期不能早于开始日期' });
    if (daySpan(from, to) > MAX_RANGE_DAYS)
      throw new ValidationError({ to: `查询范围最多 ${MAX_RANGE_DAYS} 天` });
    await venueService.require(venueId, false);
    const fromMs = districtInstant(from, '00:00').getTime();
    const toMs = districtInstant(addDays(to, 1), '00:00').getTime();
    // A booking lasts at most 8 hours: one that started up to 8 h before `from` may still overlap it.
    const found = await bookingStore.ofVenueBetween(
      venueId,
      new Date(fromMs - 8 * 3600_000).toISOString(),
      new Date(toMs).toISOString(),
    );
    const staff = reader !== null && isStaff(reader);
    const items: (Booking | BookingTime)[] = found
      .filter((b) => Date.parse(b.endsAt) > fromMs && Date.parse(b.startsAt) < toMs)
      .map((b) => (staff || b.userId === reader?.id ? toBooking(b) : toBookingTime(b)));
    return { from, to, items, nextCursor: null };
  },
};
