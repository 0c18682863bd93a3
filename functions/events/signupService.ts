// Sign-up and cancellation. Every seat change is step 1 (a conditional update of the event that records the
// intent) followed by seatSteps; the decision "confirmed or waitlisted" is re-made from a fresh read whenever a
// condition refuses, never trusted from an earlier read.
import type { SignupStatus, SignUpRequest } from '../../shared/api/events';
import type { Page } from '../lib/dynamo';
import { ConflictError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { countDaily } from '../lib/metrics';
import type { CurrentUser } from '../lib/principal';
import { eventFeedStore } from './eventFeedStore';
import { eventService } from './eventService';
import { eventStore } from './eventStore';
import { isActive, signupIdOf, type EventRecord, type SeatIntent, type SignupRecord } from './model';
import { promotionService } from './promotionService';
import { assertSignupOpen, seatRequest } from './rules';
import { finishCancel, finishJoin, isStale, newAttempt, settleIntent } from './seatSteps';
import { signupStore } from './signupStore';

const MAX_ROUNDS = 20;
const alreadySignedUp = () => new ConflictError('ALREADY_SIGNED_UP', '您已报名该活动');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A signup with its live place on the waiting list (while waitlisted). */
export interface SignupWithPlace {
  signup: SignupRecord;
  waitlistPosition?: number;
}

async function join(eventId: string, user: CurrentUser, input: SignUpRequest): Promise<SignupWithPlace> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = Date.now();
    // Both reads at once: the hot path is latency-bound on the store.
    const [event, existing] = await Promise.all([eventStore.get(eventId), signupStore.get(eventId, user.id)]);
    if (!event) throw new NotFoundError('活动不存在');
    const request = seatRequest(event, input, user.phone);
    assertSignupOpen(event, now);
    if (isActive(existing)) throw alreadySignedUp();
    const pending = event.intents[user.id];
    if (pending) {
      if (!isStale(pending, now)) throw new ConflictError('ALREADY_SIGNED_UP', '报名正在处理中，请稍候');
      await settleIntent(event, user.id, pending);
      continue;
    }
    const attempt = newAttempt();
    const createdAt = new Date(now).toISOString();
    const base: SignupRecord = {
      id: signupIdOf(eventId, user.id),
      eventId,
      userId: user.id,
      openid: user.openid,
      nickname: user.nickname,
      status: 'confirmed',
      seats: request.seats,
      participants: request.participants,
      guardianPhone: request.guardianPhone,
      subscribe: input.subscribe === true,
      attempt,
      waitSeq: null,
      attendance: {},
      attendedAt: null,
      createdAt,
      updatedAt: createdAt,
      promotedAt: null,
      cancelledAt: null,
    };

    if (event.capacity - event.seatsTaken >= request.seats) {
      const intent: SeatIntent = { op: 'join', seats: request.seats, attempt, at: now, signup: base };
      if (!(await eventStore.takeSeats(event, user.id, intent, { requireOpen: true }))) continue;
      failpoint('events.join.afterSeatsTaken');
      const signup = await finishJoin(event, user.id, intent);
      if (!signup) throw alreadySignedUp();
      await countDaily(`signups.${event.kind}`);
      return { signup };
    }

    if (!event.waitlist) throw new ConflictError('EVENT_FULL', '名额已满');
    // A household larger than the whole event could never be promoted: refuse rather than wait forever.
    if (request.seats > event.capacity) {
      throw new ConflictError(
        'EVENT_FULL',
        `本活动共 ${event.capacity} 个名额，无法容纳 ${request.seats} 人`,
      );
    }
    const placed = await eventStore.takeWaitlistPlace(eventId);
    if (!placed) continue; // closed or waitlist switched off meanwhile: the next read decides
    failpoint('events.join.afterWaitlistPlace');
    const signup: SignupRecord = { ...base, status: 'waitlisted', waitSeq: placed.waitSeq };
    if (!(await signupStore.putActive(signup))) {
      await eventStore.addToWaitlistCount(eventId, -1);
      throw alreadySignedUp();
    }
    failpoint('events.join.afterWaitlisted');
    await countDaily(`signups.${event.kind}`);
    // Seats freed while this place was being written would otherwise wait for the next cancel: promote now.
    const latest = await eventStore.get(eventId);
    if (latest && latest.capacity > latest.seatsTaken) {
      const promoted = await promotionService.promoteWaitlisted(eventId);
      const mine = promoted.find((p) => p.userId === user.id);
      if (mine) return { signup: mine };
    }
    return { signup, waitlistPosition: placed.waitlistCount };
  }
  throw new UnavailableError(new Error('sign-up contention'));
}

async function cancelMine(eventId: string, userId: string): Promise<SignupRecord> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = Date.now();
    const [event, signup] = await Promise.all([eventStore.get(eventId), signupStore.get(eventId, userId)]);
    if (!event) throw new NotFoundError('活动不存在');
    if (!signup || !isActive(signup)) throw new NotFoundError('您没有该活动的有效报名');
    if (event.status !== 'cancelled' && now >= Date.parse(event.startsAt)) {
      throw new ConflictError('SIGNUP_CLOSED', '活动已开始，不能取消报名');
    }

    if (signup.status === 'waitlisted') {
      const cancelled = await signupStore.cancel(signup, 'waitlisted', new Date(now).toISOString(), newId());
      if (!cancelled) continue; // promoted meanwhile: cancel it as confirmed
      failpoint('events.cancel.afterWaitlistLeft');
      await eventStore.addToWaitlistCount(eventId, -1);
      return cancelled;
    }

    const pending = event.intents[userId];
    if (pending) {
      // A promotion of this very signup is finishing; a dead one is settled first.
      if (isStale(pending, now)) await settleIntent(event, userId, pending);
      else await pause(10 + round * 10);
      continue;
    }
    const intent: SeatIntent = {
      op: 'cancel',
      seats: signup.seats,
      attempt: newId(),
      at: now,
      signupAttempt: signup.attempt,
    };
    if (!(await eventStore.recordIntent(eventId, userId, intent))) continue;
    failpoint('events.cancel.afterIntent');
    const cancelled = await finishCancel(eventId, userId, intent);
    if (!cancelled) continue;
    failpoint('events.cancel.afterSeatsReleased');
    await promotionService.promoteWaitlisted(eventId);
    return cancelled;
  }
  throw new UnavailableError(new Error('cancel contention'));
}

async function positionOf(signup: SignupRecord): Promise<number | undefined> {
  return signup.status === 'waitlisted' && signup.waitSeq !== null
    ? signupStore.waitlistPosition(signup.eventId, signup.waitSeq)
    : undefined;
}

/** The caller's signup of this event with its live waiting-list place, or null. */
async function mine(eventId: string, userId: string): Promise<SignupWithPlace | null> {
  const signup = await signupStore.get(eventId, userId);
  if (!signup) return null;
  return { signup, waitlistPosition: await positionOf(signup) };
}

/** An event as one viewer sees it: the event, and the viewer's own signup of it (null when signed out or none). */
async function eventWithMySignup(
  eventId: string,
  viewerId: string | undefined,
): Promise<{ event: EventRecord; mySignup: SignupWithPlace | null }> {
  const event = await eventService.get(eventId);
  return { event, mySignup: viewerId ? await mine(eventId, viewerId) : null };
}

/** The caller's signups, newest first, each with its live place and its event (null if it no longer exists). */
async function listMine(
  userId: string,
  limit: number,
  cursor?: string,
): Promise<Page<SignupWithPlace & { event: EventRecord | null }>> {
  const page = await signupStore.listByOwner(userId, limit, cursor);
  const events = await eventFeedStore.getMany(page.items.map((s) => s.eventId));
  const items = await Promise.all(
    page.items.map(async (signup) => ({
      signup,
      waitlistPosition: await positionOf(signup),
      event: events.get(signup.eventId) ?? null,
    })),
  );
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
