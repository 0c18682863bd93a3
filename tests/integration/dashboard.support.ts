// Bulk activity for the dashboard's cost proof (tests/integration/dashboard-cost.test.ts, tests/bench/dashboard.bench.ts):
// N visit records written straight into the store with BatchWrite, 25 a request, and the day aggregates those visits
// leave behind (counters, distinct-visitor gap buckets, arrivals per hour, the month's ranking) computed here and
// written the same way — as the features' write paths would have left them. Beside them, in proportion, service
// requests, venue bookings, duty appointments and events held with their aggregates (exact counters with their
// `counted` marks, the time-to-done histogram), dense enough that every day holds every kind of aggregate at both
// sizes. Also the read counter for one load.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GAP_CAP } from '../../functions/lib/distinctMetrics';
import { durationBucket } from '../../functions/lib/exactCounters';
import { db, tableName } from '../../functions/lib/db';
import { daysBetween } from '../../functions/lib/time';

export const BULK_FROM = '2026-10-01';
export const BULK_TO = '2026-10-28';
const DAYS = daysBetween(BULK_FROM, BULK_TO);
const IDENTITIES = ['party_member', 'employee', 'outdoor_worker', 'resident', 'parent', 'unknown'];

type Item = Record<string, unknown>;

async function batchWrite(items: Item[], concurrency = 8): Promise<void> {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < chunks.length) {
        let pending: unknown[] = chunks[next++].map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const reply = await db().send(
            new BatchWriteCommand({ RequestItems: { [tableName()]: pending as never } }),
          );
          pending = reply.UnprocessedItems?.[tableName()] ?? [];
        }
      }
    }),
  );
}

/** Record i: who, which day, which hour (a tenth as many people as records, so people come back). */
function visit(i: number, total: number) {
  const people = Math.max(10, Math.floor(total / 10));
  const person = i % people;
  return {
    person: `bulk${person}`,
    identity: IDENTITIES[person % IDENTITIES.length],
    day: DAYS[(i * 7 + Math.floor(i / people)) % DAYS.length],
    hour: (i * 5) % 24,
  };
}

function aggregateItems(total: number): { items: Item[]; people: number } {
  const counters = new Map<string, number>();
  const hours = new Map<string, number[]>();
  const seen = new Map<string, Set<string>>(); // person → days
  const identityOf = new Map<string, string>();
  for (let i = 0; i < total; i++) {
    const v = visit(i, total);
    counters.set(
      `${v.day}|checkins.${v.identity}`,
      (counters.get(`${v.day}|checkins.${v.identity}`) ?? 0) + 1,
    );
    const h = hours.get(v.day) ?? Array.from({ length: 24 }, () => 0);
    h[v.hour]++;
    hours.set(v.day, h);
    seen.set(v.person, (seen.get(v.person) ?? new Set()).add(v.day));
    identityOf.set(v.person, v.identity);
  }
  const distinct = new Map<string, Item>();
  const ranking: Item[] = [];
  for (const [person, daySet] of seen) {
    const days = [...daySet].sort();
    days.forEach((day, k) => {
      const gap = k === 0 ? GAP_CAP : Math.min(GAP_CAP, DAYS.indexOf(day) - DAYS.indexOf(days[k - 1]));
      for (const dimension of ['visitors', `visitors_${identityOf.get(person)}`]) {
        const key = `${day}|${dimension}`;
        const item = distinct.get(key) ?? {
          pk: `STATS#${day}`,
          sk: `distinct#${dimension}`,
          type: 'daily_distinct',
          people: new Set<string>(),
        };
        item[`g${gap}`] = ((item[`g${gap}`] as number | undefined) ?? 0) + 1;
        (item.people as Set<string>).add(person);
        distinct.set(key, item);
      }
    });
    const count = days.length;
    ranking.push({
      pk: `STATS#RANK#${BULK_TO.slice(0, 7)}`,
      sk: `USER#${person}`,
      type: 'ranking',
      userId: person,
      count,
      queuePk: `STATS#RANK#${BULK_TO.slice(0, 7)}`,
      queueSk: `${String(count).padStart(10, '0')}#${person}`,
    });
  }
  const items: Item[] = [
    ...[...counters].map(([key, count]) => {
      const [day, metric] = key.split('|');
      return { pk: `STATS#${day}`, sk: metric, type: 'daily_metric', count };
    }),
    ...[...hours].map(([day, h]) => ({
      pk: `STATS#${day}`,
      sk: 'hours#checkins',
      type: 'daily_hours',
      ...Object.fromEntries(h.map((n, hour) => [`h${hour}`, n])),
    })),
    ...distinct.values(),
    ...ranking,
  ];
  return { items, people: seen.size };
}

/** Exact counters and histograms as countOnce / countDurationOnce leave them: a count and the subjects' marks. */
class MarkedAggregates {
  private readonly items = new Map<string, Item>();
  count(day: string, metric: string, subject: string, amount = 1) {
    const item = this.item(day, metric, 'daily_metric');
    item.count = ((item.count as number | undefined) ?? 0) + amount;
    (item.counted as Set<string>).add(subject);
  }
  duration(day: string, name: string, subject: string, hours: number) {
    const item = this.item(day, `histogram#${name}`, 'daily_histogram');
    const bucket = `b${durationBucket(hours)}`;
    item[bucket] = ((item[bucket] as number | undefined) ?? 0) + 1;
    (item.counted as Set<string>).add(subject);
  }
  all(): Item[] {
    return [...this.items.values()];
  }
  private item(day: string, sk: string, type: string): Item {
    const key = `${day}|${sk}`;
    const item = this.items.get(key) ?? { pk: `STATS#${day}`, sk, type, counted: new Set<string>() };
    this.items.set(key, item);
    return item;
  }
}

const CATEGORIES = ['party', 'policy', 'business', 'welfare'];
const REQUEST_PATHS = [
  ['submitted', 'accepted', 'done'],
  ['submitted', 'declined'],
  ['submitted', 'withdrawn'],
  ['submitted', 'accepted'],
];
const BOOKING_ENDS = ['approved', 'declined', 'cancelled', 'pending'];
const EVENT_KINDS = ['party_lesson', 'youth_education', 'activity'];

/** How many of each other record go with `total` visits: at least enough for every (day, kind) pair. */
export function otherRecordCounts(total: number) {
  return {
    requests: Math.max(DAYS.length * CATEGORIES.length * REQUEST_PATHS.length, Math.floor(total / 20)),
    bookings: Math.max(DAYS.length * BOOKING_ENDS.length, Math.floor(total / 50)),
    appointments: Math.max(DAYS.length, Math.floor(total / 50)),
    events: Math.max(DAYS.length * EVENT_KINDS.length, Math.floor(total / 200)),
  };
}

/** Request j: its day, category and path; done after j % 12 hours (the same district day: submitted at 08:00). */
const requestOf = (j: number) => ({
  day: DAYS[j % DAYS.length],
  category: CATEGORIES[Math.floor(j / DAYS.length) % CATEGORIES.length],
  path: REQUEST_PATHS[Math.floor(j / (DAYS.length * CATEGORIES.length)) % REQUEST_PATHS.length],
  hoursToDone: j % 12,
});

/** The hours to done of the requests done among `total`'s requests (to check the median against). */
export function hoursToDoneOf(total: number): number[] {
  const hours: number[] = [];
  for (let j = 0; j < otherRecordCounts(total).requests; j++) {
    const r = requestOf(j);
    if (r.path.includes('done')) hours.push(r.hoursToDone);
  }
  return hours;
}

function otherItems(total: number): { records: (from: number) => Item[]; aggregates: Item[] } {
  const n = otherRecordCounts(total);
  const marks = new MarkedAggregates();
  for (let j = 0; j < n.requests; j++) {
    const r = requestOf(j);
    for (const status of r.path) marks.count(r.day, `service_requests.${status}`, `srbulk${j}`);
    marks.count(r.day, `service_categories.${r.category}`, `srbulk${j}`);
    if (r.path.includes('done')) marks.duration(r.day, 'service_hours_to_done', `srbulk${j}`, r.hoursToDone);
  }
  for (let j = 0; j < n.bookings; j++) {
    const day = DAYS[j % DAYS.length];
    const end = BOOKING_ENDS[Math.floor(j / DAYS.length) % BOOKING_ENDS.length];
    marks.count(day, 'bookings.requested', `bbulk${j}`);
    if (end !== 'pending') marks.count(day, `bookings.${end}`, `bbulk${j}`);
    if (end === 'approved') marks.count(day, 'booking_hours.approved', `bbulk${j}`, 2);
  }
  for (let j = 0; j < n.appointments; j++)
    marks.count(DAYS[j % DAYS.length], 'duty.appointments', `abulk${j}`);
  for (let j = 0; j < n.events; j++) {
    const kind = EVENT_KINDS[Math.floor(j / DAYS.length) % EVENT_KINDS.length];
    marks.count(DAYS[j % DAYS.length], `events.${kind}`, `ebulk${j}`);
  }
  const records = (from: number) => {
    const none = { requests: 0, bookings: 0, appointments: 0, events: 0 };
    const already = from === 0 ? none : otherRecordCounts(from);
    const out: Item[] = [];
    for (let j = already.requests; j < n.requests; j++) {
      const r = requestOf(j);
      out.push({
        pk: `BULKSREQ#${j}`,
        sk: 'SREQ',
        categoryId: r.category,
        status: r.path.at(-1),
        day: r.day,
      });
    }
    for (let j = already.bookings; j < n.bookings; j++)
      out.push({ pk: `BULKBOOKING#${j}`, sk: 'BOOKING', day: DAYS[j % DAYS.length] });
    for (let j = already.appointments; j < n.appointments; j++)
      out.push({ pk: `BULKAPPT#${j}`, sk: 'APPOINTMENT', day: DAYS[j % DAYS.length] });
    for (let j = already.events; j < n.events; j++)
      out.push({ pk: `BULKEVENT#${j}`, sk: 'EVENT', day: DAYS[j % DAYS.length] });
    return out;
  };
  return { records, aggregates: marks.all() };
}

/**
 * Brings the store to `total` visit records (records from `already` on are new) and their aggregates.
 * Answers the number of distinct visitors, for the figures check.
 */
export async function writeVisits(already: number, total: number): Promise<number> {
  const records: Item[] = [];
  for (let i = already; i < total; i++) {
    const v = visit(i, total);
    records.push({
      pk: `BULKVISIT#${i}`,
      sk: 'VISIT',
      userId: v.person,
      checkedInAt: `${v.day}T${String(v.hour).padStart(2, '0')}:00+08:00`,
    });
  }
  const others = otherItems(total);
  await batchWrite([...records, ...others.records(already)]);
  const { items, people } = aggregateItems(total);
  await batchWrite([...items, ...others.aggregates]);
  return people;
}

/** Counts every item a read touched (a Query's ScannedCount, a GetItem's item, a BatchGet's items). */
export { countReads as countItemsRead } from './alliance-reads.support';
