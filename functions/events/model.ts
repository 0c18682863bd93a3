// The items of the events feature: their records, keys, and item ⇄ record mapping. One partition per event:
//   event    pk EVENT#<id>  sk META             the event's text and rules; feed EVENTS#<kind> / <startsAt>#<id>,
//                                              queue EVENTS / <startsAt>#<id>
//   ledger   pk EVENT#<id>  sk LEDGER           the seat ledger: capacity, free seats, status, waiting-list counters
//                                              and the seat changes in flight (small: no text, minimal intents)
//   signup   pk EVENT#<id>  sk SIGNUP#<userId>  owner USER#<userId> / SIGNUP#<createdAt>#<eventId>,
//                                              queue SIGNUPS#<id>#<status> / SIGNUP#<userId> (staff lists by status)
//   entry    pk EVENT#<id>  sk WAIT#<seq>       one per place on the waiting list, in arrival order (base table, so
//                                              promotion reads it with ConsistentRead)
// Sort keys order LEDGER < META < SIGNUP# < WAIT#, so one Query reads the event with its ledger.
import type {
  EventKind,
  EventStatus,
  GuardianConsent,
  Participant,
  RollCall,
  SignupStatus,
} from '../../shared/api/events';

/** The event as staff write it: text, schedule and the rules of a sign-up. Seat figures live on the ledger. */
export interface EventRecord {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  minAge: number | null;
  maxAge: number | null;
  maxParticipantsPerSignup: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The seat ledger: every seat decision is a conditional write of this one item. Seats taken = capacity − seatsFree
 * (kept as free seats so a sign-up can let the condition `seatsFree >= :n` decide without reading first).
 */
export interface SeatLedger {
  eventId: string;
  kind: EventKind;
  status: EventStatus;
  capacity: number;
  seatsFree: number;
  waitlist: boolean;
  /** Copies of the event's schedule that seat decisions need (sign-up closes, promotion stops at the start). */
  startsAt: string;
  signupClosesAt: string | null;
  /** The last place on the waiting list handed out. */
  waitSeq: number;
  /** The lowest place that may still be waiting (kept by promotion and cancellation; used for positions only). */
  waitHead: number;
  /** Households on the waiting list: never below the truth (see seatSteps.ts), so 0 means nobody waits. */
  waitlistCount: number;
  /** Epoch ms of the last place handed out: the recount leaves the waiting-list count alone until it is stale. */
  lastWaitlistedAt: number;
  /** userId → intent text (seatIntent.ts): at most one seat change in flight per user. */
  intents: Record<string, string>;
  /** Bumped by every write of the ledger, so a recount can tell whether it changed under it. */
  rev: number;
}

export interface EventState {
  event: EventRecord;
  ledger: SeatLedger;
}

export interface SignupRecord {
  id: string;
  eventId: string;
  userId: string;
  openid: string;
  nickname: string;
  /** The name staff call out at the roll-call, as given at sign-up (absent: staff see the nickname). */
  contactName?: string | null;
  status: SignupStatus;
  seats: number;
  participants: Participant[];
  guardianPhone: string | null;
  /** Youth education: the guardian's consent (who, when, which policy version). */
  guardianConsent?: GuardianConsent | null;
  /** When the children's names and ages were erased (retention, or the account closed); seats stay. */
  participantsErasedAt?: string | null;
  subscribe: boolean;
  /** The activation: unique per sign-up (a re-sign-up after a cancel is a new one). */
  attempt: string;
  /** The join intent that took its seats (confirmed on sign-up), so a finisher can tell its step happened. */
  seatIntent?: string | null;
  waitSeq: number | null;
  attendance: Partial<Record<RollCall, string>>;
  attendedAt: string | null;
  createdAt: string;
  updatedAt: string;
  promotedAt: string | null;
  /** The promote intent that confirmed it. */
  promotedBy?: string | null;
  cancelledAt: string | null;
  /** The cancel (or leave) intent that cancelled it. */
  cancelledBy?: string | null;
}

/** A place on the waiting list: who, and how many seats the household needs. */
export interface WaitEntry {
  eventId: string;
  seq: number;
  userId: string;
  seats: number;
}

const partition = (eventId: string) => `EVENT#${eventId}`;
export const eventKey = (eventId: string) => ({ pk: partition(eventId), sk: 'META' });
export const ledgerKey = (eventId: string) => ({ pk: partition(eventId), sk: 'LEDGER' });
export const signupKey = (eventId: string, userId: string) => ({
  pk: partition(eventId),
  sk: `SIGNUP#${userId}`,
});
export const SIGNUP_SK_PREFIX = 'SIGNUP#';
export const WAIT_SK_PREFIX = 'WAIT#';
export const waitSk = (seq: number) => `${WAIT_SK_PREFIX}${String(seq).padStart(10, '0')}`;
export const waitEntryKey = (eventId: string, seq: number) => ({ pk: partition(eventId), sk: waitSk(seq) });
export const ALL_EVENTS_QUEUE = 'EVENTS';
export const feedPkFor = (kind: EventKind) => `EVENTS#${kind}`;
export const startsAtSortKey = (startsAt: string, id: string) => `${startsAt}#${id}`;
export const signupOwnerPk = (userId: string) => `USER#${userId}`;
/** An event's signups of one status on byQueue (staff lists `?status=`): a signup's queuePk follows its status. */
export const signupQueuePk = (eventId: string, status: SignupStatus) => `SIGNUPS#${eventId}#${status}`;

/** The fields staff may change on an event (PATCH), already normalised to UTC, split by the item that holds them. */
export type EventEdit = Partial<
  Pick<
    EventRecord,
    | 'title'
    | 'description'
    | 'location'
    | 'startsAt'
    | 'endsAt'
    | 'minAge'
    | 'maxAge'
    | 'maxParticipantsPerSignup'
  >
>;
export type LedgerEdit = Partial<
  Pick<SeatLedger, 'capacity' | 'status' | 'waitlist' | 'startsAt' | 'signupClosesAt'>
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

const withoutNulls = (item: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(item)) if (v === null) delete item[k];
  return item;
};
const EVENT_ITEM_ONLY = new Set(['pk', 'sk', 'type', 'feedPk', 'feedSk', 'queuePk', 'queueSk']);
const LEDGER_ITEM_ONLY = new Set(['pk', 'sk', 'type']);
const SIGNUP_ITEM_ONLY = new Set(['pk', 'sk', 'type', 'ownerPk', 'ownerSk', 'queuePk', 'queueSk']);

export function eventToItem(event: EventRecord): Record<string, unknown> {
  return withoutNulls({
    ...eventKey(event.id),
    type: 'event',
    ...event,
    ...eventListingKeys(event.kind, event.startsAt, event.id),
  });
}

export function eventFromItem(item: Record<string, unknown>): EventRecord {
  const record = recordFields(item, EVENT_ITEM_ONLY) as unknown as EventRecord;
  record.minAge ??= null;
  record.maxAge ??= null;
  return record;
}

/** The ledger item leaves out the event id (it is in the key) to stay small. */
export function ledgerToItem(ledger: SeatLedger): Record<string, unknown> {
  const { eventId, ...fields } = ledger;
  return withoutNulls({ ...ledgerKey(eventId), type: 'ledger', ...fields });
}

export function ledgerFromItem(item: Record<string, unknown>): SeatLedger {
  const record = recordFields(item, LEDGER_ITEM_ONLY) as unknown as SeatLedger;
  record.eventId = String(item.pk).slice('EVENT#'.length);
  record.intents ??= {};
  record.signupClosesAt ??= null;
  return record;
}

export function signupToItem(signup: SignupRecord): Record<string, unknown> {
  return withoutNulls({
    ...signupKey(signup.eventId, signup.userId),
    type: 'signup',
    ...signup,
    ownerPk: signupOwnerPk(signup.userId),
    ownerSk: `${SIGNUP_SK_PREFIX}${signup.createdAt}#${signup.eventId}`,
    queuePk: signupQueuePk(signup.eventId, signup.status),
    queueSk: signupKey(signup.eventId, signup.userId).sk,
  });
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
  record.seatIntent ??= null;
  record.promotedBy ??= null;
  record.cancelledBy ??= null;
  record.guardianConsent ??= null;
  record.participantsErasedAt ??= null;
  record.contactName ??= null;
  return record;
}

export function waitEntryToItem(entry: WaitEntry): Record<string, unknown> {
  const { eventId, ...fields } = entry;
  return { ...waitEntryKey(eventId, entry.seq), type: 'waitEntry', ...fields };
}

export function waitEntryFromItem(item: Record<string, unknown>): WaitEntry {
  return {
    eventId: String(item.pk).slice('EVENT#'.length),
    seq: item.seq as number,
    userId: item.userId as string,
    seats: item.seats as number,
  };
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
export function signupClosesAtMs(ledger: Pick<SeatLedger, 'startsAt' | 'signupClosesAt'>): number {
  const start = Date.parse(ledger.startsAt);
  return ledger.signupClosesAt ? Math.min(start, Date.parse(ledger.signupClosesAt)) : start;
}

export const seatsTakenOf = (ledger: Pick<SeatLedger, 'capacity' | 'seatsFree'>) =>
  ledger.capacity - ledger.seatsFree;

export function toUtcIso(instant: string): string {
  return new Date(instant).toISOString();
}

/**
 * A waiting household's place from the ledger's counters alone (constant cost, however long the list): its place
 * number less the head's, plus one. Exact while no household between the head and the tail has left out of turn;
 * otherwise `approximate` (a place counted ahead may have gone), and never beyond the number waiting.
 */
export function waitlistPlace(
  ledger: Pick<SeatLedger, 'waitSeq' | 'waitHead' | 'waitlistCount'>,
  seq: number,
): { position: number; approximate: boolean } {
  const count = Math.max(1, ledger.waitlistCount);
  const position = Math.min(count, Math.max(1, seq - ledger.waitHead + 1));
  const exact = ledger.waitSeq - ledger.waitHead + 1 === ledger.waitlistCount && seq >= ledger.waitHead;
  return { position, approximate: !exact };
}
