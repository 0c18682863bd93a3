// Items read per call of the wall, spaces and events list and figure routes, for the read-count test
// (reads.test.ts) and the bench (tests/bench/reads.bench.ts); not a test file itself. Each feature's records are
// generated straight into the store in their real item shape (the feature's model.ts), 25 items a BatchWrite, in
// one pattern at any size (record `i` is the same at 1,000 and at 100,000), so the only difference between two sizes
// is how much of the dimension each route could grow with there is. Items read are counted by
// tests/support/readCounter.ts.
//   wall    one message a record (newest last; a tenth by the reader, 5% pending, 5% rejected), and the reader's
//           likes of a third of the published ones
//   spaces  one visit a record (a history item; half in the one space measured, those of the last few days with
//           their visitor markers, which expire), a day of statistics every 10 visits (so 1,000 visits already hold
//           100 days), a new space every 20 visits (each with 3 open check-ins, one overdue; the measured one with 30
//           open, 5 overdue: open check-ins are bounded by the capacity, not by the data)
//   events  even records: an event with its ledger (soonest first from an hour from now; one in ten long past);
//           odd records: alternately the reader's signup of that event (confirmed, waitlisted with its place, or
//           cancelled) and another user's signup of one of the two big events whose staff lists are measured
//           (event 0, where a twentieth wait; event 1, where ten households wait at any size)
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { EVENT_KINDS, type SignupStatus } from '../../shared/api/events';
import { IDENTITIES } from '../../shared/api/users';
import {
  eventToItem,
  ledgerToItem,
  signupIdOf,
  signupToItem,
  waitEntryToItem,
  type EventRecord,
  type SeatLedger,
  type SignupRecord,
} from '../../functions/events/model';
import { db, tableName } from '../../functions/lib/db';
import { districtDate } from '../../functions/lib/time';
import { dayKey, historyItem, openItem, spaceItem, type SpaceRecord } from '../../functions/spaces/model';
import { likeKey, toMessageItem, type MessageRecord } from '../../functions/wall/model';
import type { ReadCounter } from '../support/readCounter';

type Item = Record<string, unknown>;

export type Call = (
  method: string,
  url: string,
  token?: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Actor {
  token: string;
  userId: string;
}

/** A reader with many records of their own, and a staff member, through the API. */
export async function createActors(call: Call, prefix: string): Promise<{ reader: Actor; staff: Actor }> {
  const login = async (openid: string): Promise<Actor> => {
    const res = await call('POST', '/v1/auth/login', undefined, { code: `dev:${openid}` });
    if (res.status !== 200) throw new Error(`login ${openid}: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.token as string, userId: res.body.user.id as string };
  };
  const admin = await login('admin');
  const staff = await login(`${prefix}_staff`);
  const granted = await call('PUT', `/v1/admin/users/${staff.userId}/roles`, admin.token, {
    roles: ['staff'],
  });
  if (granted.status !== 200) throw new Error(`roles: ${granted.status} ${JSON.stringify(granted.body)}`);
  return { reader: await login(`${prefix}_reader`), staff };
}

export interface Route {
  /** The label in figures (ids replaced by placeholders). */
  label: string;
  url: string;
  token?: string;
}

export interface ReadFeature {
  name: 'wall' | 'spaces' | 'events';
  /** What one record is, for the figures. */
  unit: string;
  /** The items of record `i` (the same at any size), for a reader and staff, as of `now` (epoch ms). */
  itemsOf(i: number, reader: Actor, now: number): Item[];
  routes(reader: Actor, staff: Actor): Route[];
}

const pad = (i: number) => String(i).padStart(7, '0');
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// ---- wall ----

function message(i: number, reader: Actor, now: number): MessageRecord {
  const createdAt = iso(now - 60_000 - (10_000_000 - i) * 1000);
  const status = i % 20 === 7 ? 'pending' : i % 20 === 13 ? 'rejected' : 'published';
  const mine = i % 10 === 3;
  return {
    id: `W${pad(i)}`,
    text: `读数测试寄语 ${i}`,
    anonymous: i % 4 === 0,
    authorId: mine ? reader.userId : `gen_author_${i % 97}`,
    authorNickname: mine ? '读者' : `作者${i % 97}`,
    status,
    likes: i % 7,
    likesVersion: i % 7,
    likeIntents: {},
    check: { suggest: status === 'pending' ? 'review' : 'pass', provider: 'local', label: null },
    moderation:
      status === 'rejected'
        ? { action: 'rejected', reason: '内容不符合寄语墙规范', by: 'gen_staff', at: createdAt }
        : null,
    reason: status === 'rejected' ? '内容不符合寄语墙规范' : null,
    createdAt,
    updatedAt: createdAt,
    publishedAt: status === 'published' ? createdAt : null,
  };
}

export const wallReads: ReadFeature = {
  name: 'wall',
  unit: 'messages',
  itemsOf(i, reader, now) {
    const m = message(i, reader, now);
    const items: Item[] = [toMessageItem(m)];
    if (m.status === 'published' && i % 3 === 0)
      items.push({
        ...likeKey(m.id, reader.userId),
        type: 'wall_like',
        userId: reader.userId,
        liked: true,
        opId: `gen_${i}`,
        updatedAt: m.createdAt,
      });
    return items;
  },
  routes: (reader, staff) => [
    { label: '/v1/messages', url: '/v1/messages' },
    { label: '/v1/messages (signed in)', url: '/v1/messages', token: reader.token },
    { label: '/v1/messages?limit=50', url: '/v1/messages?limit=50', token: reader.token },
    { label: '/v1/me/messages', url: '/v1/me/messages', token: reader.token },
    { label: '/v1/admin/messages (pending)', url: '/v1/admin/messages', token: staff.token },
    {
      label: '/v1/admin/messages?status=rejected',
      url: '/v1/admin/messages?status=rejected',
      token: staff.token,
    },
  ],
};

// ---- spaces ----

/** The space every route but the list is measured on. */
export const MEASURED_SPACE = 'RS0000000';
const spaceId = (k: number) => `RS${pad(k)}`;

function space(k: number, now: number): SpaceRecord {
  const measured = k === 0;
  const createdAt = iso(now - 400 * DAY + k * 1000);
  return {
    id: spaceId(k),
    name: `读数空间${k}`,
    address: '环翠楼街道 1 号',
    capacity: measured ? 100 : 10,
    occupancy: measured ? 30 : 3,
    seq: 0,
    intents: {},
    qrRevision: 1,
    amenities: ['wifi'],
    opensAt: null,
    closesAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** Open check-ins of space `k`: `overdue` of them past their automatic check-out. */
function openCheckins(k: number, count: number, overdue: number, now: number): Item[] {
  return Array.from({ length: count }, (_, j) => {
    const checkedInAt = now - (j < overdue ? 10 * HOUR : HOUR);
    return openItem({
      checkinId: `RO${pad(k)}_${j}`,
      spaceId: spaceId(k),
      userId: `gen_open_${k}_${j}`,
      identity: IDENTITIES[j % IDENTITIES.length],
      checkedInAt: iso(checkedInAt),
      autoOutAt: iso(checkedInAt + 4 * HOUR),
    });
  });
}

export const spacesReads: ReadFeature = {
  name: 'spaces',
  unit: 'visits',
  itemsOf(i, reader, now) {
    const items: Item[] = [];
    if (i % 20 === 0) {
      const k = i / 20;
      items.push(spaceItem(space(k, now)), ...openCheckins(k, k === 0 ? 30 : 3, k === 0 ? 5 : 1, now));
    }
    if (i % 10 === 0) {
      const date = districtDate(now - (i / 10) * DAY);
      items.push({
        ...dayKey(MEASURED_SPACE, date),
        type: 'space_day_stats',
        spaceId: MEASURED_SPACE,
        date,
        visits: 5 + (i % 7),
        uniqueVisitors: 4,
        peakOccupancy: 3,
        identity_resident: 3,
        identity_unknown: 2 + (i % 7),
        // The marks of the day's visits and visitors stay two days (a stream record may still come); then sealed.
        ...(now - (i / 10) * DAY < 2 * DAY
          ? {
              countedVisits: new Set(Array.from({ length: 5 + (i % 7) }, (_, v) => `RC${pad(i)}_${v}`)),
              countedVisitors: new Set(Array.from({ length: 4 }, (_, v) => `gen_visitor_${v}`)),
            }
          : { sealedAt: now }),
      });
    }
    const inMeasured = i % 2 === 0;
    const userId = i % 10 === 1 ? reader.userId : `gen_visitor_${i % 1000}`;
    const checkedInAt = now - 2 * HOUR - i * (DAY / 10);
    items.push(
      historyItem({
        id: `RC${pad(i)}`,
        spaceId: inMeasured ? MEASURED_SPACE : spaceId(Math.floor(i / 20)),
        spaceName: '读数空间',
        userId,
        identity: i % 3 === 0 ? null : IDENTITIES[i % IDENTITIES.length],
        status: 'out',
        checkedInAt: iso(checkedInAt),
        autoOutAt: iso(checkedInAt + 4 * HOUR),
        checkedOutAt: iso(checkedInAt + HOUR),
        closedBy: i % 4 === 0 ? 'auto' : 'user',
      }),
    );
    return items;
  },
  routes: (reader, staff) => [
    { label: '/v1/spaces', url: '/v1/spaces' },
    { label: '/v1/spaces/{id}', url: `/v1/spaces/${MEASURED_SPACE}`, token: reader.token },
    { label: '/v1/spaces/{id}/stats', url: `/v1/spaces/${MEASURED_SPACE}/stats`, token: staff.token },
    {
      label: '/v1/spaces/{id}/stats/daily',
      url: `/v1/spaces/${MEASURED_SPACE}/stats/daily`,
      token: staff.token,
    },
    {
      label: '/v1/spaces/{id}/stats/daily?days=92',
      url: `/v1/spaces/${MEASURED_SPACE}/stats/daily?days=92`,
      token: staff.token,
    },
    { label: '/v1/me/checkins', url: '/v1/me/checkins', token: reader.token },
  ],
};

// ---- events ----

/** The big events whose staff lists are measured: many wait for the first, few for the second. */
export const BIG_EVENT = 'RE0000000';
export const SHORT_WAIT_EVENT = 'RE0000001';
const eventId = (k: number) => `RE${pad(k)}`;
/** Event `k` holds the reader's signup when k is even and above 0; its status by k % 8. */
const readerStatus = (k: number): SignupStatus =>
  k % 8 === 4 ? 'waitlisted' : k % 8 === 2 ? 'cancelled' : 'confirmed';
/**
 * Another user's signup (k odd) of one of the big events: k % 4 = 1 of the first, a twentieth of them waiting and
 * as many cancelled; k % 4 = 3 of the second, where the same share cancelled but only ten households (the first
 * ten such records) wait, at any size.
 */
const otherSignup = (k: number): { event: string; status: SignupStatus } => {
  if (k % 4 === 1)
    return {
      event: BIG_EVENT,
      status: k % 20 === 5 ? 'waitlisted' : k % 20 === 9 ? 'cancelled' : 'confirmed',
    };
  const status = k % 20 === 3 && k < 200 ? 'waitlisted' : k % 20 === 7 ? 'cancelled' : 'confirmed';
  return { event: SHORT_WAIT_EVENT, status };
};

function eventRecord(k: number, now: number): EventRecord {
  const past = k % 10 === 5;
  const startsAt = past ? now - (k + 2) * DAY : now + HOUR + k * 10 * 60_000;
  const createdAt = iso(now - 500 * DAY);
  return {
    id: eventId(k),
    kind: EVENT_KINDS[k % EVENT_KINDS.length],
    title: `读数活动 ${k}`,
    description: '读数测试',
    location: '环翠楼',
    startsAt: iso(startsAt),
    endsAt: iso(startsAt + 2 * HOUR),
    minAge: null,
    maxAge: null,
    maxParticipantsPerSignup: 1,
    createdBy: 'gen_staff',
    createdAt,
    updatedAt: createdAt,
  };
}

function ledger(event: EventRecord, k: number): SeatLedger {
  const big = k <= 1;
  const waiting = !big && k % 2 === 0 && readerStatus(k) === 'waitlisted';
  return {
    eventId: event.id,
    kind: event.kind,
    status: 'open',
    capacity: big ? 1_000_000 : 30,
    seatsFree: big ? 500_000 : waiting ? 0 : 10,
    waitlist: true,
    startsAt: event.startsAt,
    signupClosesAt: null,
    waitSeq: big ? 0 : waiting ? 3 : 0,
    waitHead: 1,
    waitlistCount: waiting ? 3 : 0,
    lastWaitlistedAt: 0,
    intents: {},
    rev: 1,
  };
}

function signup(
  event: string,
  userId: string,
  status: SignupStatus,
  waitSeq: number | null,
  at: string,
): SignupRecord {
  return {
    id: signupIdOf(event, userId),
    eventId: event,
    userId,
    openid: `gen_openid_${userId}`,
    nickname: '读数用户',
    status,
    seats: 1,
    participants: [],
    guardianPhone: null,
    subscribe: false,
    attempt: `gen_${event}_${userId}`,
    seatIntent: null,
    waitSeq: status === 'waitlisted' ? waitSeq : null,
    attendance: {},
    attendedAt: null,
    createdAt: at,
    updatedAt: at,
    promotedAt: null,
    cancelledAt: status === 'cancelled' ? at : null,
  };
}

export const eventsReads: ReadFeature = {
  name: 'events',
  unit: 'events and signups',
  itemsOf(i, reader, now) {
    const k = Math.floor(i / 2);
    const at = iso(now - 600 * DAY + i * 1000);
    if (i % 2 === 0) {
      const event = eventRecord(k, now);
      return [eventToItem(event), ledgerToItem(ledger(event, k))];
    }
    if (k % 2 === 0 && k > 0) {
      const status = readerStatus(k);
      const items = [signupToItem(signup(eventId(k), reader.userId, status, 3, at))];
      if (status === 'waitlisted')
        items.push(waitEntryToItem({ eventId: eventId(k), seq: 3, userId: reader.userId, seats: 1 }));
      return items;
    }
    if (k % 2 === 0) return [];
    const userId = `gen_member_${k}`;
    const { event, status } = otherSignup(k);
    const items = [signupToItem(signup(event, userId, status, k, at))];
    if (status === 'waitlisted') items.push(waitEntryToItem({ eventId: event, seq: k, userId, seats: 1 }));
    return items;
  },
  routes: (reader, staff) => [
    { label: '/v1/events', url: '/v1/events' },
    { label: '/v1/events?kind=party_lesson', url: '/v1/events?kind=party_lesson' },
    { label: '/v1/events?kind=activity&limit=50', url: '/v1/events?kind=activity&limit=50' },
    { label: '/v1/events/{id}/signups', url: `/v1/events/${BIG_EVENT}/signups`, token: staff.token },
    {
      label: '/v1/events/{id}/signups?status=waitlisted',
      url: `/v1/events/${BIG_EVENT}/signups?status=waitlisted`,
      token: staff.token,
    },
    {
      label: '/v1/events/{id}/signups?status=confirmed',
      url: `/v1/events/${BIG_EVENT}/signups?status=confirmed`,
      token: staff.token,
    },
    {
      label: '/v1/events/{id}/signups?status=cancelled',
      url: `/v1/events/${BIG_EVENT}/signups?status=cancelled`,
      token: staff.token,
    },
    {
      label: '/v1/events/{id}/signups?status=waitlisted (10 wait)',
      url: `/v1/events/${SHORT_WAIT_EVENT}/signups?status=waitlisted`,
      token: staff.token,
    },
    { label: '/v1/me/signups', url: '/v1/me/signups', token: reader.token },
    { label: '/v1/me/signups?limit=100', url: '/v1/me/signups?limit=100', token: reader.token },
  ],
};

export const READ_FEATURES = [wallReads, spacesReads, eventsReads];

// ---- generating and measuring ----

export interface GenerateOptions {
  /** The time the pattern is laid out around (epoch ms): the same for every call that grows one store. */
  now: number;
  /** The first record to write (default 0): a store that holds records 0 … from − 1 grows on. */
  from?: number;
  /** Up to this many records in all; past it, stop at `max` or once `budgetMs` have passed, whichever comes first. */
  min: number;
  /** Generate at most this many (default: `min`). */
  max?: number;
  budgetMs?: number;
  /** BatchWrites in flight (default 4). */
  concurrency?: number;
}

/** Puts the items, 25 a BatchWrite, retrying what the store left unprocessed. */
async function batchWrite(items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending: unknown[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const reply = await db().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: pending as never } }),
      );
      pending = reply.UnprocessedItems?.[tableName()] ?? [];
    }
  }
}

/**
 * Writes the feature's records `from`, `from` + 1, … into the store; answers how many records the store holds now and
 * how many items this call wrote.
 */
export async function generate(
  feature: ReadFeature,
  reader: Actor,
  options: GenerateOptions,
): Promise<{ records: number; items: number }> {
  const { now } = options;
  const max = options.max ?? options.min;
  const deadline = Date.now() + (options.budgetMs ?? Infinity);
  let next = options.from ?? 0;
  let written = 0;
  const more = () => next < max && (next < options.min || Date.now() < deadline);
  await Promise.all(
    Array.from({ length: options.concurrency ?? 4 }, async () => {
      while (more()) {
        const chunk: Item[] = [];
        while (next < max && chunk.length < 25) chunk.push(...feature.itemsOf(next++, reader, now));
        written += chunk.length;
        await batchWrite(chunk);
      }
    }),
  );
  return { records: next, items: written };
}

/** Items read by one call of each of the feature's routes (each must answer 200), by route label. */
export async function measureReads(
  call: Call,
  feature: ReadFeature,
  actors: { reader: Actor; staff: Actor },
  counter: ReadCounter,
  /** Filled with the bytes of the items each route read, by label (the benches print them). */
  bytes: Record<string, number> = {},
): Promise<Record<string, number>> {
  const reads: Record<string, number> = {};
  for (const { label, url, token } of feature.routes(actors.reader, actors.staff)) {
    counter.reset();
    const res = await call('GET', url, token);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    reads[label] = counter.total;
    bytes[label] = counter.bytes;
  }
  return reads;
}

/** A table of figures: items read per route at each size, and the ratio. */
export function describeReads(
  small: { records: number; reads: Record<string, number>; bytes?: Record<string, number> },
  large: { records: number; reads: Record<string, number>; bytes?: Record<string, number> },
): string {
  const width = Math.max(...Object.keys(small.reads).map((r) => r.length));
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return Object.keys(small.reads)
    .map((route) => {
      const [a, b] = [small.reads[route], large.reads[route]];
      const line = `  ${route.padEnd(width)} ${String(a).padStart(5)} → ${String(b).padStart(6)}  ×${(b / a).toFixed(2)}`;
      const [x, y] = [small.bytes?.[route], large.bytes?.[route]];
      return x === undefined || y === undefined
        ? line
        : `${line}   bytes ${kib(x).padStart(10)} → ${kib(y).padStart(10)}  ×${(y / Math.max(x, 1)).toFixed(2)}`;
    })
    .join('\n');
}
