// Bulk activity for the dashboard's cost proof (tests/integration/dashboard-cost.test.ts, tests/bench/dashboard.bench.ts):
// N visit records written straight into the store with BatchWrite, 25 a request, and the day aggregates those visits
// leave behind (counters, distinct-visitor gap buckets, arrivals per hour, the month's ranking) computed here and
// written the same way — as the features' write paths would have left them. Also the read counter for one load.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GAP_CAP } from '../../functions/lib/distinctMetrics';
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
  await batchWrite(records);
  const { items, people } = aggregateItems(total);
  await batchWrite(items);
  return people;
}

/** Counts every item a read touched (a Query's ScannedCount, a GetItem's item, a BatchGet's items). */
export { countReads as countItemsRead } from './alliance-reads.support';
