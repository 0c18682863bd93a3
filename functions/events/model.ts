// The two entities of the events feature and their keys.
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
