// Sign-up and cancellation. A sign-up for oneself reads nothing first: the ledger's conditional write decides
// (confirmed while the seats fit and nobody waits, else a place on the waiting list; which is tried first is a hint,
// joinOrder.ts); only when both refuse does it read the event to say why. The steps and their crash safety are in
// seatSteps.ts.
import type { GuardianConsent, SignupStatus, SignUpRequest } from '../../shared/api/events';
import type { Page } from '../lib/dynamo';
import { ConflictError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import type { CurrentUser } from '../lib/principal';
import { eventService } from './eventService';
import { eventStore } from './eventStore';
import {
  isActive,
  signupIdOf,
  waitlistPlace,
  type EventRecord,
  type EventState,
  type SignupRecord,
} from './model';
import { joinOrder } from './joinOrder';
import { promotionService } from './promotionService';
import {
  assertSignupOpen,
  guardianConsentFor,
  OWN_SEAT,
  placeFor,
  seatRequest,
  type SeatRequest,
} from './rules';
import { isStale } from './seatIntent';
import {
  joinConfirmed,
  joinWaitlisted,
  pendingIntent,
  putWaitEntry,
  settle,
  withdraw,
  type JoinOutcome,
} from './seatSteps';
import { signupStore } from './signupStore';

const MAX_ROUNDS = 20;
const alreadySignedUp = () => new ConflictError('ALREADY_SIGNED_UP', '您已报名该活动');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A signup with its place on the waiting list (while waitlisted), from the ledger's counters. */
export interface SignupWithPlace {
  signup: SignupRecord;
  place?: { position: number; approximate: boolean };
}

/**
 * The activation id of a sign-up: from (user, event, Idempotency-Key) when the request carries a key, so a retry of
 * it after any failure recognises the signup its first run wrote and answers it again (one signup, the first reply);
 * a fresh id without a key.
 */
const attemptFor = (eventId: string, userId: string, key: string | undefined) =>
  creationId(`event-signup|${eventId}`, userId, key);

function newSignup(
  eventId: string,
  user: CurrentUser,
  input: SignUpRequest,
  request: SeatRequest,
  key: string | undefined,
  guardianConsent: GuardianConsent | null = null,
): SignupRecord {
  const createdAt = new Date().toISOString();
  return {
    id: signupIdOf(eventId, user.id),
    eventId,
    userId: user.id,
    openid: user.openid,
    nickname: user.nickname,
    // The name staff call out: as given, else the profile's real name (read with the caller, no extra operation).
    contactName: input.contactName ?? user.realName ?? null,
    status: 'confirmed',
    seats: request.seats,
    participants: request.participants,
    guardianPhone: request.guardianPhone,
    guardianConsent,
    subscribe: input.subscribe === true,
    attempt: attemptFor(eventId, user.id, key),
    waitSeq: null,
    attendance: {},
    attendedAt: null,
    createdAt,
    updatedAt: createdAt,
    promotedAt: null,
    cancelledAt: null,
  };
}

/**
 * Why a sign-up may not go ahead, from one consistent read of the event, its ledger and the caller's signup: throws
 * the error to answer, settles the caller's own dead intent, or says what to try. `done` when this very request
 * (same Idempotency-Key) already wrote the caller's active signup in an earlier run that failed afterwards.
 */
const isOwnActive = (signup: SignupRecord | null, attempt: string): signup is SignupRecord =>
  !!signup && isActive(signup) && signup.attempt === attempt;

async function check(eventId: string, user: CurrentUser, input: SignUpRequest, key: string | undefined) {
  for (;;) {
    const now = Date.now();
    const { state, signup } = await eventStore.getStateWithSignup(eventId, user.id);
    if (!state) throw new NotFoundError('活动不存在');
    if (key !== undefined && isOwnActive(signup, attemptFor(eventId, user.id, key))) {
      // Its first run may have failed before the waiting-list entry: written now, and seats freed meanwhile promoted.
      if ((await putWaitEntry(signup)) && state.ledger.seatsFree > 0) {
        await promotionService.promoteWaitlisted(eventId);
        continue;
      }
      return { done: withPlace(signup, state) };
    }
    const request = seatRequest(state.event, input, user.phone);
    const consent = guardianConsentFor(state.event, input, user.id, new Date(now).toISOString());
    assertSignupOpen(state.ledger, now);
    if (isActive(signup)) throw alreadySignedUp();
    const pending = pendingIntent(state.ledger, user.id);
    // A retry (same key) whose first run died mid-way: its change is settled once stale; until then, try again.
    if (pending && !isStale(pending, now) && key !== undefined)
      throw new UnavailableError(new Error('sign-up: an earlier change of this user is in flight'));
    if (pending && !isStale(pending, now))
      throw new ConflictError('ALREADY_SIGNED_UP', '报名正在处理中，请稍候');
    if (pending) {
      await settle(state.ledger, pending); // a dead request's change: finish or undo it, then look again
      continue;
    }
    return { state, request, consent, plan: placeFor(state.ledger, request.seats) };
  }
}

/**
 * Signs the user up. With an Idempotency-Key (`key`), a retry after a 5xx that finds the signup its first run wrote
 * answers that signup again (201), where any other repeat gets 409 ALREADY_SIGNED_UP.
 */
async function join(
  eventId: string,
  user: CurrentUser,
  input: SignUpRequest,
  key?: string,
): Promise<SignupWithPlace> {
  // Youth education needs the event's rules (ages, household size) before anything is written.
  let known: Exclude<Awaited<ReturnType<typeof check>>, { done: SignupWithPlace }> | null = null;
  if (input.participants?.length) {
    const checked = await check(eventId, user, input, key);
    if (checked.done) return checked.done;
    known = checked;
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const youth = known?.state.event.kind === 'youth_education';
    const base = newSignup(eventId, user, input, known?.request ?? OWN_SEAT, key, known?.consent);
    const plans = known ? [known.plan] : joinOrder.plans(eventId);
    for (const plan of plans) {
      const joined =
        plan === 'confirm' ? await joinConfirmed(base, youth) : await joinWaitlisted(base, youth);
      joinOrder.saw(eventId, plan, joined.outcome);
      // The dashboard counts it from the table's stream (signupFigures.ts), not here.
      if (joined.outcome === 'confirmed') return { signup: joined.signup };
      if (joined.outcome === 'waitlisted') return afterWaitlisted(joined);
      if (joined.outcome === 'duplicate') {
        // A seat held, then given back, may have sent others to the waiting list (a place given back held none).
        const ledger = plan === 'confirm' ? joined.ledger : null;
        if (ledger && ledger.seatsFree > 0 && ledger.waitlistCount > 0)
          await promotionService.promoteWaitlisted(eventId);
        return repeated(eventId, user, input, key);
      }
    }
    const checked = await check(eventId, user, input, key);
    if (checked.done) return checked.done;
    known = checked;
  }
  throw new UnavailableError(new Error('sign-up contention'));
}

/** The user already has an active signup: this request's own (a retry with its key) is answered again, else 409. */
async function repeated(
  eventId: string,
  user: CurrentUser,
  input: SignUpRequest,
  key: string | undefined,
): Promise<SignupWithPlace> {
  if (key === undefined) throw alreadySignedUp();
  const checked = await check(eventId, user, input, key);
  if (checked.done) return checked.done;
  throw alreadySignedUp();
}

async function afterWaitlisted(
  waited: Extract<JoinOutcome, { outcome: 'waitlisted' }>,
): Promise<SignupWithPlace> {
  const { signup, placed, latest } = waited;
  // Seats freed while the place was being written: promote now (this household, if it is next).
  if (latest && latest.seatsFree > 0) {
    const promoted = await promotionService.promoteWaitlisted(signup.eventId);
    const mine = promoted.find((p) => p.userId === signup.userId);
    if (mine) return { signup: mine };
  }
  return { signup, place: waitlistPlace(placed, placed.waitSeq) };
}

async function cancelMine(eventId: string, userId: string): Promise<SignupRecord> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = Date.now();
    const { state, signup } = await eventStore.getStateWithSignup(eventId, userId);
    if (!state) throw new NotFoundError('活动不存在');
    if (!signup) throw new NotFoundError('您没有该活动的有效报名');
    if (!isActive(signup)) return settledCancel(state.ledger, signup);
    const { ledger } = state;
    if (ledger.status !== 'cancelled' && now >= Date.parse(ledger.startsAt)) {
      throw new ConflictError('SIGNUP_CLOSED', '活动已开始，不能取消报名');
    }
    const pending = pendingIntent(ledger, userId);
    if (pending) {
      // A change of this very signup (its promotion, a double tap) is finishing; a dead one is settled first.
      if (isStale(pending, now)) await settle(ledger, pending);
      else await pause(10 + round * 10);
      continue;
    }
    const cancelled = await withdraw(ledger, signup);
    if (!cancelled) continue; // changed meanwhile (a waiting one promoted): read again
    if (signup.status === 'waitlisted') return cancelled;
    failpoint('events.cancel.afterSeatsReleased');
    await promotionService.promoteWaitlisted(eventId);
    return cancelled;
  }
  throw new UnavailableError(new Error('cancel contention'));
}

/** A repeated cancel (first reply lost; key or not) gets the cancelled signup, its unfinished steps done once. */
async function settledCancel(ledger: EventState['ledger'], signup: SignupRecord): Promise<SignupRecord> {
  const pending = pendingIntent(ledger, signup.userId);
  const unfinished = pending !== null && pending.tag === signup.cancelledBy;
  if (unfinished) await settle(ledger, pending); // safe beside another finisher (seatSteps.ts)
  if (unfinished || (ledger.seatsFree > 0 && ledger.waitlistCount > 0))
    await promotionService.promoteWaitlisted(ledger.eventId);
  return signup;
}

function withPlace(signup: SignupRecord, state: EventState | undefined): SignupWithPlace {
  return signup.status === 'waitlisted' && signup.waitSeq !== null && state
    ? { signup, place: waitlistPlace(state.ledger, signup.waitSeq) }
    : { signup };
}

/** An event as one viewer sees it: the event, and the viewer's own signup of it (null when signed out or none). */
async function eventWithMySignup(
  eventId: string,
  viewerId: string | undefined,
): Promise<{ state: EventState; mySignup: SignupWithPlace | null }> {
  const [state, signup] = await Promise.all([
    eventService.getState(eventId),
    viewerId ? signupStore.get(eventId, viewerId) : null,
  ]);
  return { state, mySignup: signup ? withPlace(signup, state) : null };
}

/** The caller's signups, newest first, each with its place and its event (null if it no longer exists). */
async function listMine(
  userId: string,
  limit: number,
  cursor?: string,
): Promise<Page<SignupWithPlace & { state: EventState | null }>> {
  const page = await signupStore.listByOwner(userId, limit, cursor);
  // One read for the page's events and ledgers, whatever the places: no query per waiting row.
  const states = await eventStore.getStates(page.items.map((s) => s.eventId));
  const items = page.items.map((signup) => {
    const state = states.get(signup.eventId);
    return { ...withPlace(signup, state), state: state ?? null };
  });
  return { items, nextCursor: page.nextCursor };
}

export type StaffSignupList =
  { format: 'csv'; event: EventRecord; signups: SignupRecord[] } | ({ format: 'page' } & Page<SignupRecord>);

/** Staff: a page of an event's signups (optionally of one status), or all of them for the CSV export. */
async function listForStaff(
  eventId: string,
  query: { format: 'json' | 'csv'; status?: SignupStatus; limit: number; cursor?: string },
): Promise<StaffSignupList> {
  const event = await eventService.get(eventId);
  if (query.format === 'csv') {
    const all = await signupStore.allByEvent(event.id);
    return {
      format: 'csv',
      event,
      signups: query.status ? all.filter((s) => s.status === query.status) : all,
    };
  }
  const page = await signupStore.listByEvent(event.id, {
    limit: query.limit,
    cursor: query.cursor,
    status: query.status,
  });
  return { format: 'page', ...page };
}

export const signupService = { join, cancelMine, eventWithMySignup, listMine, listForStaff };
