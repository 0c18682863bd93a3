// Events as staff manage them and as everyone browses them. An event is two items: its text (eventStore) and its
// seat ledger (ledgerStore); an edit writes only the item whose fields change. Step order of the writes here:
//   create  1 ledger   2 event          └ crash between: a ledger no list shows (no event item): harmless
//   edit    1 ledger (capacity, status, waiting list, sign-up close, start; may refuse)   2 event (text, schedule,
//           rules; on `updatedAt`)   3 to cancelled: what the cancel route does after its write (afterCancelled)
//           4 promotion into a raised capacity   └ crash in 3 → the cancel route (idempotent) completes it
//           └ crash after 1: the reconciler brings the ledger's start back to the event's and promotes into free
//             seats; after 2: the reconciler promotes (newcomers still wait behind the list: seatSteps.ts)
import type * as z from 'zod/mini';
import type {
  CreateEventRequest,
  createEventSchema,
  EventKind,
  UpdateEventRequest,
  updateEventSchema,
} from '../../shared/api/events';
import type { Page } from '../lib/dynamo';
import { ConflictError, NotFoundError, UnavailableError } from '../lib/errors';
import { uncountEventHeld } from '../lib/dashboardCounters';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import { eventFeedStore } from './eventFeedStore';
import { eventStore } from './eventStore';
import { eventInboxNotices } from './inboxNotices';
import { ledgerStore } from './ledgerStore';
import {
  seatsTakenOf,
  toUtcIso,
  type EventEdit,
  type EventRecord,
  type EventState,
  type LedgerEdit,
  type SeatLedger,
} from './model';
import { promotionService } from './promotionService';
import { checkEventFields } from './rules';

type CreateInput = z.output<typeof createEventSchema>;
type UpdateInput = z.output<typeof updateEventSchema>;

const LEDGER_FIELDS = ['capacity', 'status', 'waitlist', 'startsAt', 'signupClosesAt'] as const;
const EVENT_FIELDS = [
  'title',
  'description',
  'location',
  'startsAt',
  'endsAt',
  'minAge',
  'maxAge',
  'maxParticipantsPerSignup',
] as const;

const pick = <T extends object>(from: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((f) => from[f] !== undefined).map((f) => [f, from[f]])) as T;

/**
 * With an Idempotency-Key (`key`) the event id comes from (staff user, key): a retry after any failure finds the
 * event it created (or the ledger it left) and completes or returns it, never a second event.
 */
async function create(
  input: CreateInput | CreateEventRequest,
  staffUserId: string,
  key?: string,
): Promise<EventState> {
  const now = new Date().toISOString();
  const data = input as CreateInput;
  const id = creationId('event', staffUserId, key);
  const earlier = key === undefined ? null : await eventStore.getState(id);
  if (earlier && earlier.event.createdBy === staffUserId) return earlier;
  const event: EventRecord = {
    id,
    kind: data.kind,
    title: data.title,
    description: data.description ?? '',
    location: data.location,
    startsAt: toUtcIso(data.startsAt),
    endsAt: toUtcIso(data.endsAt),
    minAge: data.minAge ?? null,
    maxAge: data.maxAge ?? null,
    maxParticipantsPerSignup: data.maxParticipantsPerSignup ?? 1,
    createdBy: staffUserId,
    createdAt: now,
    updatedAt: now,
  };
  const ledger: SeatLedger = {
    eventId: id,
    kind: data.kind,
    status: 'open',
    capacity: data.capacity,
    seatsFree: data.capacity,
    waitlist: data.waitlist ?? true,
    startsAt: event.startsAt,
    signupClosesAt: data.signupClosesAt ? toUtcIso(data.signupClosesAt) : null,
    waitSeq: 0,
    waitHead: 1,
    waitlistCount: 0,
    lastWaitlistedAt: 0,
    intents: {},
    rev: 0,
  };
  checkEventFields({ ...event, signupClosesAt: ledger.signupClosesAt }, { now: Date.now() });
  // The ledger first: a crash between the two leaves a ledger nobody lists, never an event without seats.
  await writtenOnce(key, () => ledgerStore.create(ledger));
  failpoint('events.create.afterLedgerWritten');
  if (!(await writtenOnce(key, () => eventStore.create(event)))) return getState(id);
  failpoint('events.create.afterEventWritten');
  return { event, ledger };
}

/**
 * One write of a creation: true when it wrote, false when a keyed creation's retry (or twin) finds the item already
 * there — the same item, since its id comes from the key.
 */
async function writtenOnce(key: string | undefined, write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (key !== undefined && (err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** The event's text and rules (no seat figures). */
async function get(eventId: string): Promise<EventRecord> {
  const event = await eventStore.get(eventId);
  if (!event) throw new NotFoundError('活动不存在');
  return event;
}

/** The event with its seat ledger. */
async function getState(eventId: string): Promise<EventState> {
  const state = await eventStore.getState(eventId);
  if (!state) throw new NotFoundError('活动不存在');
  return state;
}

function normalise(changes: UpdateInput): Record<string, unknown> {
  return {
    ...changes,
    startsAt: changes.startsAt ? toUtcIso(changes.startsAt) : undefined,
    endsAt: changes.endsAt ? toUtcIso(changes.endsAt) : undefined,
    signupClosesAt:
      changes.signupClosesAt === undefined
        ? undefined
        : changes.signupClosesAt && toUtcIso(changes.signupClosesAt),
  };
}

/** PATCH: fields and/or status (open ⇄ closed, → cancelled; a cancelled event is final). A capacity below the seats already taken is refused (409 CAPACITY_BELOW_SEATS_TAKEN). */
async function update(eventId: string, input: UpdateInput | UpdateEventRequest): Promise<EventState> {
  const changes = normalise(input as UpdateInput);
  const ledgerEdit = pick<LedgerEdit>(changes, LEDGER_FIELDS);
  const eventEdit = pick<EventEdit>(changes, EVENT_FIELDS);
  let before: SeatLedger | null = null; // the ledger this request's ledger write was based on
  for (let attempt = 0; attempt < 8; attempt++) {
    const { event, ledger } = await getState(eventId);
    // Read again after a refused ledger write that holds all the same: this request's own, applied by the store
    // although its reply was lost (the client's resent copy was refused). Not written again; the rest goes on.
    const ledgerDone = attempt > 0 && Object.keys(ledgerEdit).length > 0 && holds(ledger, ledgerEdit);
    if (ledger.status === 'cancelled' && !(ledgerDone && ledgerEdit.status === 'cancelled'))
      throw new ConflictError('EVENT_CANCELLED', '活动已取消，不能再修改');
    const merged = { ...event, signupClosesAt: ledger.signupClosesAt, ...ledgerEdit, ...eventEdit };
    checkEventFields(merged, { now: Date.now(), changed: new Set(Object.keys(input)) });
    const taken = seatsTakenOf(ledger);
    if (ledgerEdit.capacity !== undefined && ledgerEdit.capacity < taken) {
      throw new ConflictError('CAPACITY_BELOW_SEATS_TAKEN', `已有 ${taken} 个名额被占用，容量不能低于此数`);
    }
    // The ledger first (it may refuse); the text after. Either write is left out when none of its fields change. A
    // crash between them leaves the ledger edited alone: the reconciler brings its copy of the start time back to
    // the event's, and a capacity raised there is promoted into as any free seat.
    if (!ledgerDone) before = ledger; // written now, or (nothing to write) compared with as it is
    if (Object.keys(ledgerEdit).length > 0 && !ledgerDone) {
      if (!(await ledgerStore.edit(ledger, ledgerEdit))) continue;
      failpoint('events.edit.afterLedgerWritten');
    }
    if (Object.keys(eventEdit).length > 0) {
      // Another staff edit came in between: read again (the ledger part is already as asked).
      if (!(await eventStore.edit(event, eventEdit, new Date().toISOString()))) continue;
      failpoint('events.edit.afterEventWritten');
      // Held on its old start day no more (the reconciler counts it again once it starts: reconcileService.ts).
      if (eventEdit.startsAt && eventEdit.startsAt !== event.startsAt) await uncountEventHeld(event);
    }
    // → cancelled is the cancel route's change: its notices and figures follow it the same way.
    if (ledgerEdit.status === 'cancelled') await afterCancelled(event, { ...event, ...eventEdit });
    const base = before ?? ledger;
    const raised = ledgerEdit.capacity !== undefined && ledgerEdit.capacity > base.capacity;
    if (raised || (ledgerEdit.status === 'open' && base.status !== 'open'))
      await promotionService.promoteWaitlisted(eventId);
    return getState(eventId);
  }
  throw new UnavailableError(new Error('event edit contention'));
}

const holds = (ledger: SeatLedger, edit: LedgerEdit) =>
  Object.entries(edit).every(([field, value]) => ledger[field as keyof SeatLedger] === value);

/**
 * Stops new sign-ups (cancellations and promotions go on). Closing a closed event is a no-op — also when it is this
 * request's own write, applied although its reply was lost (its resent copy refused).
 */
async function close(eventId: string): Promise<EventState> {
  const state = await getState(eventId);
  if (state.ledger.status === 'closed') return state;
  const ledger = await ledgerStore.setStatus(eventId, 'closed', ['open']);
  if (ledger) return { event: state.event, ledger };
  const now = await getState(eventId);
  if (now.ledger.status === 'closed') return now;
  throw new ConflictError('EVENT_CANCELLED', '活动已取消');
}

/**
 * What follows the ledger's move to cancelled, by the cancel route or a PATCH: not held — taken back from "events
 * held" if it was counted, on the start day it was counted on (`held`, the event as it was) — and 消息 to every active
 * signup's owner about the event as it now is (`told`). Each once: a retry of the cancel route completes a cancel
 * (or a PATCH to cancelled) that died here.
 */
async function afterCancelled(held: EventRecord, told: EventRecord): Promise<void> {
  await uncountEventHeld(held);
  await eventInboxNotices.cancelled(told);
}

/** Cancels the event: no sign-ups, no promotions; existing signups stay visible with the event's status. */
async function cancel(eventId: string): Promise<EventState> {
  const state = await getState(eventId);
  if (state.ledger.status === 'cancelled') {
    await afterCancelled(state.event, state.event); // a cancel that died mid-way is completed by its retry
    return state;
  }
  const ledger = await ledgerStore.setStatus(eventId, 'cancelled', ['open', 'closed']);
  if (ledger) await afterCancelled(state.event, state.event);
  if (ledger) return { event: state.event, ledger };
  // Refused: cancelled meanwhile, by this request's own write (its reply lost, its resent copy refused) or another's;
  // what follows a cancel is done once either way.
  const now = await getState(eventId);
  if (now.ledger.status === 'cancelled') await afterCancelled(state.event, state.event);
  return now;
}

/**
 * Events not yet ended (or one district month's), soonest first; all kinds or one; `q` searches title and place.
 * One read for the page's ledgers.
 */
async function list(
  kind: EventKind | undefined,
  limit: number,
  cursor?: string,
  options: { month?: string; q?: string } = {},
): Promise<Page<EventState>> {
  const page = await eventFeedStore.listCurrent(kind, new Date().toISOString(), limit, cursor, options);
  const ledgers = await eventStore.getLedgers(page.items.map((e) => e.id));
  const items = page.items.flatMap((event) => {
    const ledger = ledgers.get(event.id);
    return ledger ? [{ event, ledger }] : [];
  });
  return { items, nextCursor: page.nextCursor };
}

export const eventService = { create, get, getState, update, close, cancel, list };
