// Stored records of the policy-steward desk (政策管家轮值岗), their keys and item ⇄ record mapping.
//   shift        SHIFT#<id> / SHIFT        byFeed DUTY / <startsAt>#<id> (the roster, by start time)
//                booked (places taken), intents (userId → tag of a booking or cancel in flight), rev (+1 a write)
//   appointment  SHIFT#<id> / APPT#<uid>   booked | cancelled | voided (a void marker the reconciler puts so a
//                                          dead booking can never be written late); while booked also
//                                          byOwner USER#<uid> / DUTY#<startsAt>#<shiftId> (my appointments)
import { randomBytes } from 'node:crypto';
import type { Item } from '../../lib/dynamo';

export const DUTY_FEED = 'DUTY';
export const STALE_INTENT_MS = 60_000;

export interface ShiftRecord {
  id: string;
  startsAt: string;
  endsAt: string;
  department: string;
  steward: string;
  topics: string[];
  capacity: number;
  booked: number;
  intents: Record<string, string>;
  rev: number;
  createdAt: string;
  createdBy: string;
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'voided';

export interface AppointmentRecord {
  shiftId: string;
  userId: string;
  status: AppointmentStatus;
  /** The tag of the booking (or cancel) that last wrote it. */
  intent: string;
  question: string | null;
  /** The Idempotency-Key of the booking, so its retry gets the same appointment back. */
  key: string | null;
  startsAt: string;
  createdAt: string;
}

export const shiftKey = (id: string) => ({ pk: `SHIFT#${id}`, sk: 'SHIFT' });
export const appointmentKey = (shiftId: string, userId: string) => ({
  pk: `SHIFT#${shiftId}`,
  sk: `APPT#${userId}`,
});
export const APPOINTMENT_PREFIX = 'APPT#';
export const USER_DUTY_PREFIX = 'DUTY#';

// An intent: `<op>.<epoch ms>.<random>`; the op says what the finisher completes, the time when it is stale.
export type IntentOp = 'book' | 'cancel';
export interface Intent {
  userId: string;
  op: IntentOp;
  at: number;
  tag: string;
}
export const newIntent = (userId: string, op: IntentOp, at = Date.now()): Intent => ({
  userId,
  op,
  at,
  tag: `${op}.${at}.${randomBytes(6).toString('hex')}`,
});
export function parseIntent(userId: string, tag: string): Intent {
  const [op, at] = tag.split('.');
  return { userId, op: op as IntentOp, at: Number(at), tag };
}

export function shiftItem(s: ShiftRecord): Item {
  return { ...shiftKey(s.id), type: 'duty_shift', ...s, feedPk: DUTY_FEED, feedSk: `${s.startsAt}#${s.id}` };
}

export function shiftFromItem(item: Item): ShiftRecord {
  return {
    id: item.id as string,
    startsAt: item.startsAt as string,
    endsAt: item.endsAt as string,
    department: item.department as string,
    steward: item.steward as string,
    topics: (item.topics as string[]) ?? [],
    capacity: item.capacity as number,
    booked: item.booked as number,
    intents: (item.intents as Record<string, string>) ?? {},
    rev: (item.rev as number) ?? 0,
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
  };
}

export function appointmentItem(a: AppointmentRecord): Item {
  return {
    ...appointmentKey(a.shiftId, a.userId),
    type: 'duty_appointment',
    ...a,
    ownerPk: `USER#${a.userId}`,
    ownerSk: `${USER_DUTY_PREFIX}${a.startsAt}#${a.shiftId}`,
  };
}

export function appointmentFromItem(item: Item): AppointmentRecord {
  return {
    shiftId: item.shiftId as string,
    userId: item.userId as string,
    status: item.status as AppointmentStatus,
    intent: item.intent as string,
    question: (item.question as string | null) ?? null,
    key: (item.key as string | null) ?? null,
    startsAt: (item.startsAt as string) ?? '',
    createdAt: (item.createdAt as string) ?? '',
  };
}
