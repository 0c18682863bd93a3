// What each feature's write path counts for the staff dashboard, in one call per place (functions/admin reads it).
// Every call is best effort and never fails the user's action; distinct-people figures are exact under retries.
import { countHour, countParticipation, districtHour, districtMonth } from './activityMetrics';
import { groupBy } from './collections';
import { countDistinctEach } from './distinctMetrics';
import { countDurationOnce, countOnce, countOnceEach, uncountOnce } from './exactCounters';
import { countDaily } from './metrics';
import { addDays, districtDate, districtInstant } from './time';

/** Children taking part: youth education takes one seat per child; other kinds seat the signed-in adult. */
const childrenIn = (kind: string, seats: number) => (kind === 'youth_education' ? seats : 0);

/** A sign-up, or its cancel, as the figures see it (functions/events/signupFigures.ts). */
export interface SignupFigureChange {
  change: 'joined' | 'left';
  kind: string;
  userId: string;
  seats: number;
  /** The sign-up's activation: each figure counts it once, whatever the redeliveries. */
  attempt: string;
  /** When the sign-up was made: its figures are on that district day. */
  at: string;
}

/**
 * The sign-up figures of a stream batch, in as few writes as the batch allows (issue 16: a store's capacity goes to
 * sign-ups, not to their figures). A sign-up (`joined`, confirmed or waitlisted) counts, on the district day it was
 * made: per kind, its children (youth education) and the person; a cancel (`left`) takes its children back.
 * A sign-up and its children are counted once per `attempt` (exactCounters.countOnceEach), the person once per day
 * (distinctMetrics.countDistinctEach), whatever the redeliveries. The store writes an active signup over a cancelled one only with a new attempt, so an attempt's changes are a `joined`,
 * a `left`, or the two in that order: the batch's counts all go first, then its cancels. Never throws (but for an
 * injected crash: distinctMetrics.countDistinctEach).
 */
export async function countSignupChanges(changes: SignupFigureChange[]): Promise<void> {
  const joined = changes.filter((c) => c.change === 'joined');
  // (A day that cannot be read groups apart; its counts are refused and logged by countOnceEach.)
  const day = (c: SignupFigureChange) => {
    const at = Date.parse(c.at);
    return Number.isNaN(at) ? 'no day' : districtDate(at);
  };
  const withChildren = joined.filter((c) => childrenIn(c.kind, c.seats) > 0);
  await Promise.all([
    ...groupBy(joined, (c) => `${c.kind} ${day(c)}`).map((group) =>
      countOnceEach(
        `signups.${group[0].kind}`,
        group[0].at,
        group.map((c) => ({ subject: c.attempt, amount: 1 })),
      ),
    ),
    ...groupBy(withChildren, (c) => `${c.kind} ${day(c)}`).map((group) =>
      countOnceEach(
        `children.${group[0].kind}`,
        group[0].at,
        group.map((c) => ({ subject: c.attempt, amount: childrenIn(c.kind, c.seats) })),
      ),
    ),
    countDistinctEach(
      'participants',
      joined.map((c) => ({ person: c.userId, at: Date.parse(c.at) })),
    ),
  ]);
  for (const c of changes) {
    const children = childrenIn(c.kind, c.seats);
    if (c.change === 'left' && children > 0)
      await uncountOnce(`children.${c.kind}`, c.attempt, c.at, children);
  }
}

/** First attendance of a sign-up: per kind, and one participation for "who is active". */
export async function countAttendanceFigures(kind: string, userId: string): Promise<void> {
  await Promise.all([countDaily(`attendance.${kind}`), countParticipation(userId)]);
}

/** A visit to a shared space as the dashboard counts it (functions/spaces/visitFigures.ts). */
export interface CountedVisit {
  checkinId: string;
  userId: string;
  identity: string;
  /** Epoch ms of the check-in: its figures are on that district day and hour. */
  at: number;
  /** This delivery counted the visit into its space's day: only then are its hour and participation counted. */
  first: boolean;
}

/**
 * The visits of a stream batch (functions/spaces/visitFigures.ts), in as few writes as the batch allows: each check-in
 * among the day's check-ins by identity, once per check-in (exactCounters.countOnceEach); each visitor in all and by
 * identity, once per person and day (distinctMetrics.countDistinctEach); and the visits that are `first`, by district
 * hour and per person and month (their counts summed: one write per hour and per person), which keep no marks of
 * their own. Never throws (but for an injected crash in countDistinctEach, which the caller logs).
 */
export async function countVisitsFigures(visits: CountedVisit[]): Promise<void> {
  const first = visits.filter((v) => v.first);
  await Promise.all([
    ...groupBy(visits, (v) => `${v.identity} ${districtDate(v.at)}`).map((group) =>
      countOnceEach(
        `checkins.${group[0].identity}`,
        group[0].at,
        group.map((v) => ({ subject: v.checkinId, amount: 1 })),
      ),
    ),
    countDistinctEach(
      'visitors',
      visits.map((v) => ({ person: v.userId, at: v.at })),
    ),
    ...groupBy(visits, (v) => v.identity).map((group) =>
      countDistinctEach(
        `visitors_${group[0].identity}`,
        group.map((v) => ({ person: v.userId, at: v.at })),
      ),
    ),
    ...groupBy(first, (v) => `${districtDate(v.at)} ${districtHour(v.at)}`).map((group) =>
      countHour('checkins', group[0].at, group.length),
    ),
    ...groupBy(first, (v) => `${v.userId} ${districtMonth(v.at)}`).map((group) =>
      countParticipation(group[0].userId, group[0].at, group.length),
    ),
  ]);
}

/** A claim issued or redeemed, as the figures see it (functions/alliance/claimFigures.ts). */
export interface ClaimFigureChange {
  change: 'issued' | 'redeemed';
  /** Each figure counts a claim once, whatever the redeliveries. */
  claimId: string;
  merchantId: string;
  /** The offer's alliance, for a redemption (null: the offer is gone). */
  alliance: string | null;
  /** When it was claimed, or redeemed: its figures are on that district day. */
  at: string;
}

/**
 * The alliance figures of a stream batch: claims issued (`offers.claimed`) and redeemed (`offers.redeemed`,
 * `redemptions.<alliance>`), each once per claim (exactCounters.countOnceEach) on its district day, one write per
 * figure and day for up to 50 claims; the merchant among the day's participating merchants. Never throws.
 */
export async function countClaimChanges(changes: ClaimFigureChange[]): Promise<void> {
  const day = (c: ClaimFigureChange) => {
    const at = Date.parse(c.at);
    return Number.isNaN(at) ? 'no day' : districtDate(at);
  };
  const once = (metric: string, group: ClaimFigureChange[]) =>
    countOnceEach(
      metric,
      group[0].at,
      group.map((c) => ({ subject: c.claimId, amount: 1 })),
    );
  const issued = changes.filter((c) => c.change === 'issued');
  const redeemed = changes.filter((c) => c.change === 'redeemed');
  await Promise.all([
    ...groupBy(issued, day).map((group) => once('offers.claimed', group)),
    ...groupBy(redeemed, day).map((group) => once('offers.redeemed', group)),
    ...groupBy(
      redeemed.filter((c) => c.alliance !== null),
      (c) => `${c.alliance} ${day(c)}`,
    ).map((group) => once(`redemptions.${group[0].alliance}`, group)),
    countDistinctEach(
      'merchants',
      changes.flatMap((c) => (day(c) === 'no day' ? [] : [{ person: c.merchantId, at: Date.parse(c.at) }])),
    ),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Exact figures (functions/lib/exactCounters.ts): each counted once per subject, on the day of the domain fact's own
// timestamp, so the write path, its retries and the repair runs may all call them.

/** The hours histogram of time from submission to done (docs/api/admin.md, "Median time to done"). */
export const HOURS_TO_DONE = 'service_hours_to_done';

export interface CountedServiceRequest {
  id: string;
  categoryId: string;
  createdAt: string;
  history: { status: string; at: string }[];
}

/** One step of a request: `service_requests.<status>`; the category on submission; the duration on done. */
export function serviceRequestMarks(request: CountedServiceRequest) {
  return request.history.flatMap(({ status, at }) => [
    { metric: `service_requests.${status}`, at },
    ...(status === 'submitted' ? [{ metric: `service_categories.${request.categoryId}`, at }] : []),
  ]);
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3600000;

/** Every step of the request's history counted (once each: calling again after a crash or a retry completes it). */
export async function countServiceRequestFigures(request: CountedServiceRequest): Promise<void> {
  await Promise.all(serviceRequestMarks(request).map((m) => countOnce(m.metric, request.id, m.at)));
  const done = request.history.find((h) => h.status === 'done');
  if (done)
    await countDurationOnce(HOURS_TO_DONE, request.id, done.at, hoursBetween(request.createdAt, done.at));
}

/** An event is held on the district day it starts, once; a cancelled one is taken back, once. */
export async function countEventHeldOnce(event: { id: string; kind: string; startsAt: string }) {
  return countOnce(`events.${event.kind}`, event.id, event.startsAt);
}
export async function uncountEventHeld(event: { id: string; kind: string; startsAt: string }) {
  return uncountOnce(`events.${event.kind}`, event.id, event.startsAt);
}

export interface CountedBooking {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  /** Epoch ms of the last status change: the day of a decision or cancellation. */
  changedAt: number;
}

/**
 * The hours of [startsAt, endsAt) on each district day they fall in, in order: `at` (an instant of that day, where
 * its part begins) and `hours`. A booking across district midnight has a part on each day; none for a bad time.
 */
function hoursByDistrictDay(startsAt: string, endsAt: string): { at: number; hours: number }[] {
  const parts: { at: number; hours: number }[] = [];
  const end = Date.parse(endsAt);
  for (let from = Date.parse(startsAt); from < end;) {
    const to = Math.min(end, districtInstant(addDays(districtDate(from), 1), '00:00').getTime());
    parts.push({ at: from, hours: (to - from) / 3600000 });
    from = to;
  }
  return parts;
}

/**
 * A venue booking's figures as its record shows them: requested (on the day it was made, once it holds its time),
 * the decision or cancellation (on the day of that change), and the hours booked — an approved booking's hours on
 * the days of use (each district day the hours that fall in it: hoursByDistrictDay; marked per day, so each part
 * counts once), each part taken back once if it is later cancelled. Calling again (a retry, a repair) changes
 * nothing.
 */
export async function countBookingFigures(booking: CountedBooking): Promise<void> {
  if (booking.status === 'claiming' || booking.status === 'failed') return;
  await countOnce('bookings.requested', booking.id, booking.createdAt);
  if (booking.status === 'pending') return;
  await countOnce(`bookings.${booking.status}`, booking.id, booking.changedAt);
  const count = booking.status === 'approved' ? countOnce : uncountOnce;
  for (const { at, hours } of hoursByDistrictDay(booking.startsAt, booking.endsAt))
    await count('booking_hours.approved', booking.id, at, hours);
}

/** A duty-desk consultation booked: once per booking (a retry of it, by its Idempotency-Key, counts nothing more). */
export async function countAppointmentBooked(appointment: {
  shiftId: string;
  userId: string;
  createdAt: string;
}): Promise<void> {
  const { shiftId, userId, createdAt } = appointment;
  await countOnce('duty.appointments', `${shiftId}#${userId}#${createdAt}`, createdAt);
}
