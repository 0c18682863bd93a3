// Events as staff manage them and as everyone browses them.
import type { z } from 'zod';
import type {
  CreateEventRequest,
  createEventSchema,
  EventKind,
  UpdateEventRequest,
  updateEventSchema,
} from '../../shared/api/events';
import { ConflictError, NotFoundError, UnavailableError } from '../lib/errors';
import type { Page } from '../lib/dynamo';
import { newId } from '../lib/ids';
import { eventFeedStore } from './eventFeedStore';
import { eventStore } from './eventStore';
import { toUtcIso, type EventEdit, type EventRecord } from './model';
import { promotionService } from './promotionService';
import { checkEventFields } from './rules';

type CreateInput = z.output<typeof createEventSchema>;
type UpdateInput = z.output<typeof updateEventSchema>;

async function create(input: CreateInput | CreateEventRequest, staffUserId: string): Promise<EventRecord> {
  const now = new Date().toISOString();
  const data = input as CreateInput;
  const event: EventRecord = {
    id: newId(),
    kind: data.kind,
    title: data.title,
    description: data.description ?? '',
    location: data.location,
    startsAt: toUtcIso(data.startsAt),
    endsAt: toUtcIso(data.endsAt),
    capacity: data.capacity,
    seatsTaken: 0,
    waitlistCount: 0,
    waitlist: data.waitlist ?? true,
    waitSeq: 0,
    intents: {},
    status: 'open',
    signupClosesAt: data.signupClosesAt ? toUtcIso(data.signupClosesAt) : null,
    minAge: data.minAge ?? null,
    maxAge: data.maxAge ?? null,
    maxParticipantsPerSignup: data.maxParticipantsPerSignup ?? 1,
    rev: 0,
    createdBy: staffUserId,
    createdAt: now,
    updatedAt: now,
  };
  checkEventFields(event, { now: Date.now() });
  await eventStore.create(event);
  return event;
}

async function get(eventId: string): Promise<EventRecord> {
  const event = await eventStore.get(eventId);
  if (!event) throw new NotFoundError('活动不存在');
  return event;
}

/** PATCH: fields and/or status (open ⇄ closed, → cancelled; a cancelled event is final). A capacity below the seats already taken is refused (409 CAPACITY_BELOW_SEATS_TAKEN). */
async function update(eventId: string, input: UpdateInput | UpdateEventRequest): Promise<EventRecord> {
  const changes = input as UpdateInput;
  for (let attempt = 0; attempt < 8; attempt++) {
    const event = await get(eventId);
    if (event.status === 'cancelled') throw new ConflictError('EVENT_CANCELLED', '活动已取消，不能再修改');
    const edit: EventEdit = {
      ...changes,
      startsAt: changes.startsAt ? toUtcIso(changes.startsAt) : undefined,
      endsAt: changes.endsAt ? toUtcIso(changes.endsAt) : undefined,
      signupClosesAt:
        changes.signupClosesAt === undefined
          ? undefined
          : changes.signupClosesAt && toUtcIso(changes.signupClosesAt),
    };
    const merged = {
      ...event,
      ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)),
    } as EventRecord;
    checkEventFields(merged, { now: Date.now(), changed: new Set(Object.keys(changes)) });
    if (edit.capacity !== undefined && edit.capacity < event.seatsTaken) {
      throw new ConflictError(
        'CAPACITY_BELOW_SEATS_TAKEN',
        `已有 ${event.seatsTaken} 个名额被占用，容量不能低于此数`,
      );
    }
    const updated = await eventStore.edit(event, edit, new Date().toISOString());
    if (!updated) continue; // another edit, or seats taken meanwhile: read again and re-check
    if (updated.capacity > event.capacity || (edit.status === 'open' && event.status !== 'open'))
      await promotionService.promoteWaitlisted(eventId);
    return (await eventStore.get(eventId)) ?? updated;
  }
  throw new UnavailableError(new Error('event edit contention'));
}

/** Stops new sign-ups (cancellations and promotions go on). Closing a closed event is a no-op. */
async function close(eventId: string): Promise<EventRecord> {
  const event = await get(eventId);
  if (event.status === 'closed') return event;
  const updated = await eventStore.setStatus(eventId, 'closed', ['open'], new Date().toISOString());
  if (updated) return updated;
  throw new ConflictError('EVENT_CANCELLED', '活动已取消');
}

/** Cancels the event: no sign-ups, no promotions; existing signups stay visible with the event's status. */
async function cancel(eventId: string): Promise<EventRecord> {
  const event = await get(eventId);
  if (event.status === 'cancelled') return event;
  const updated = await eventStore.setStatus(
    eventId,
    'cancelled',
    ['open', 'closed'],
    new Date().toISOString(),
  );
  return updated ?? get(eventId);
}

/** Events not yet ended, soonest first; all kinds or one. */
function list(kind: EventKind | undefined, limit: number, cursor?: string): Promise<Page<EventRecord>> {
  return eventFeedStore.listCurrent(kind, new Date().toISOString(), limit, cursor);
}

export const eventService = { create, get, update, close, cancel, list };
