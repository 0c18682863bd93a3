// The two entities of the events feature: their records, keys, and item ⇄ record mapping.
//   event   pk EVENT#<id>  sk META             feed EVENTS#<kind> / <startsAt>#<id>, queue EVENTS / <startsAt>#<id>
//   signup  pk EVENT#<id>  sk SIGNUP#<userId>  owner USER#<userId> / SIGNUP#<createdAt>#<eventId>,
//                                              queue (only while waitlisted) WAITLIST#<eventId> / <waitSeq padded>
import type { EventKind, EventStatus, Participant, RollCall, SignupStatus } from '../../shared/api/events';

/** An in-flight seat change, recorded on the event in the same write that changes `seatsTaken` (see NOTES-invariants). */
export interface SeatIntent {
  op: 'join' | 'promote' | 'cancel';
  /** Seats this intent added (join, promote) or will release (cancel). */
  seats: number;
  /** Unique per attempt, so a settled intent is never settled twice. */
  attempt: string;
  /** Epoch ms when the intent was recorded; only stale intents are settled by the reconciler. */
  at: number;
  /** join: the signup to write, so the reconciler can finish the work. */
  signup?: SignupRecord;
  /** cancel: the signup activation being cancelled. */
  signupAttempt?: string;
  /** promote: the waitlist place being promoted. */
  waitSeq?: number;
}

export interface EventRecord {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsTaken: number;
  waitlistCount: number;
  waitlist: boolean;
  waitSeq: number;
  /** Keyed by user id: at most one seat change in flight per user and event. */
  intents: Record<string, SeatIntent>;
  status: EventStatus;
  signupClosesAt: string | null;
  minAge: number | null;
  maxAge: number | null;
  maxParticipantsPerSignup: number;
  /** Bumped by every write of the event item, so a recount can tell whether the event changed under it. */
  rev: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SignupRecord {
  id: string;
  eventId: string;
  userId: string;
  openid: string;
  nickname: string;
  status: SignupStatus;
  seats: number;
  participants: Participant[];
  guardianPhone: string | null;
  subscribe: boolean;
  /** The join attempt that created (or re-activated) this signup. */
  attempt: string;
  waitSeq: number | null;
  attendance: Partial<Record<RollCall, string>>;
  attendedAt: string | null;
  createdAt: string;
  updatedAt: string;
  promotedAt: string | null;
  /** The promote intent that confirmed this signup (so a second, late promoter cannot take credit for it). */
  promotedBy?: string | null;
  cancelledAt: string | null;
  /** The cancel intent that cancelled it (so a second, concurrent cancel cannot release its seats again). */
  cancelledBy?: string | null;
}

export const eventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'META' });
export const signupKey = (eventId: string, userId: string) => ({
  pk: `EVENT#${eventId}`,
  sk: `SIGNUP#${userId}`,
});
export const SIGNUP_SK_PREFIX = 'SIGNUP#';
export const waitlistQueuePk = (eventId: string) => `WAITLIST#${eventId}`;
export const waitlistQueueSk = (waitSeq: number) => String(waitSeq).padStart(10, '0');
export const ALL_EVENTS_QUEUE = 'EVENTS';
export const feedPkFor = (kind: EventKind) => `EVENTS#${kind}`;
export const startsAtSortKey = (startsAt: string, id: string) => `${startsAt}#${id}`;
export const signupOwnerPk = (userId: string) => `USER#${userId}`;

/** The fields staff may change on an event (PATCH), already normalised to UTC. */
export type EventEdit = Partial<
  Pick<
    EventRecord,
    | 'title'
    | 'description'
    | 'location'
    | 'startsAt'
    | 'endsAt'
    | 'capacity'
    | 'waitlist'
    | 'signupClosesAt'
    | 'minAge'
    | 'maxAge'
    | 'maxParticipantsPerSignup'
    | 'status'
  >
>;

/** Where an event is listed: its kind's feed and the list of all events, both by start time. */
export function eventListingKeys(kind: EventKind, startsAt: string, id: string) {
  const sortKey = startsAtSortKey(startsAt, id);
  return { feedPk: feedPkFor(kind), feedSk: sortKey, queuePk: ALL_EVENTS_QUEUE, queueSk: sortKey };
}

/** Drops the key and index attributes of an item, leaving the record's fields. */
function recordFields(item: Record<string, unknown>, itemOnly: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !itemOnly.has(k)));
}

const EVENT_ITEM_ONLY = new Set(['pk', 'sk', 'type', 'feedPk', 'feedSk', 'queuePk', 'queueSk']);
const SIGNUP_ITEM_ONLY = new Set(['pk', 'sk', 'type', 'ownerPk', 'ownerSk', 'queuePk', 'queueSk']);

export function eventToItem(event: EventRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...eventKey(event.id),
    type: 'event',
    ...event,
    ...eventListingKeys(event.kind, event.startsAt, event.id),
  };
  for (const k of ['signupClosesAt', 'minAge', 'maxAge'] as const) if (item[k] === null) delete item[k];
  return item;
}

export function eventFromItem(item: Record<string, unknown>): EventRecord {
  const record = recordFields(item, EVENT_ITEM_ONLY) as unknown as EventRecord;
  record.intents ??= {};
  record.signupClosesAt ??= null;
  record.minAge ??= null;
  record.maxAge ??= null;
  return record;
}

export function signupToItem(signup: SignupRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...signupKey(signup.eventId, signup.userId),
    type: 'signup',
    ...signup,
    ownerPk: signupOwnerPk(signup.userId),
    ownerSk: `${SIGNUP_SK_PREFIX}${signup.createdAt}#${signup.eventId}`,
  };
  if (signup.status === 'waitlisted' && signup.waitSeq !== null) {
    item.queuePk = waitlistQueuePk(signup.eventId);
    item.queueSk = waitlistQueueSk(signup.waitSeq);
  }
  for (const [k, v] of Object.entries(item)) if (v === null) delete item[k];
  return item;
}

export function signupFromItem(item: Record<string, unknown>): SignupRecord {
  const record = recordFields(item, SIGNUP_ITEM_ONLY) as unknown as SignupRecord;
  record.participants ??= [];
  record.attendance ??= {};
  record.guardianPhone ??= null;
  record.waitSeq ??= null;
  record.attendedAt ??= null;
  record.promotedAt ??= null;
  record.cancelledAt ??= null;
  record.promotedBy ??= null;
  record.cancelledBy ??= null;
  return record;
}

/** Signup ids are derived from the event and the user (one signup per user per event), so staff can find one. */
export function signupIdOf(eventId: string, userId: string): string {
  return `${eventId}_${userId}`;
}

export function parseSignupId(signupId: string): { eventId: string; userId: string } | null {
  const i = signupId.indexOf('_');
  if (i <= 0 || i === signupId.length - 1) return null;
  return { eventId: signupId.slice(0, i), userId: signupId.slice(i + 1) };
}

export function isActive(signup: Pick<SignupRecord, 'status'> | null | undefined): boolean {
  return !!signup && signup.status !== 'cancelled';
}

/** When sign-up closes: signupClosesAt, or the start of the event, whichever is first. */
export function signupClosesAtMs(event: Pick<EventRecord, 'startsAt' | 'signupClosesAt'>): number {
  const start = Date.parse(event.startsAt);
  return event.signupClosesAt ? Math.min(start, Date.parse(event.signupClosesAt)) : start;
}

export function toUtcIso(instant: string): string {
  return new Date(instant).toISOString();
}
