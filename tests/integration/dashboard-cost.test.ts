// A dashboard load never scans: the items it reads are the same with 1,000 and with 100,000 underlying records
// (written straight into the embedded store), and its figures still match the records.
import { DURATION_BOUNDS_HOURS } from '../../functions/lib/exactCounters';
import { queryAll } from '../../functions/lib/dynamo';
import { KEEPS_MARKS, sealDays } from '../../functions/lib/sealedDays';
import { daysBetween } from '../../functions/lib/time';
import { startTestApp, type TestApp } from '../support/app';
import {
  BULK_FROM,
  BULK_TO,
  countItemsRead,
  hoursToDoneOf,
  otherRecordCounts,
  writeVisits,
} from './dashboard.support';

// Writing 100,000 records through the embedded store takes 1–3 minutes on the shared 2-core machine.
jest.setTimeout(420_000);

let app: TestApp;
let staff: string;
beforeAll(async () => {
  app = await startTestApp();
  staff = (await app.userWithRoles('cost_staff', ['staff'])).token;
});
afterAll(async () => {
  await app.close();
});

/** Bytes (JSON, as the read counter measures them) of the range's items whose marks sealing keeps. */
async function keptMarksBytes(): Promise<number> {
  let bytes = 0;
  for (const day of daysBetween(BULK_FROM, BULK_TO)) {
    const items = await queryAll({ keyCondition: 'pk = :pk', values: { ':pk': `STATS#${day}` } });
    for (const item of items)
      if (KEEPS_MARKS.test(item.sk as string))
        bytes += Buffer.byteLength(JSON.stringify(item, (_k, v: unknown) => (v instanceof Set ? [...v] : v)));
  }
  return bytes;
}

type Row = { id: string; total: number | null; parts: { key: string; value: number }[] };
const part = (body: { headline: Row[] }, id: string, key: string) =>
  body.headline.find((r) => r.id === id)!.parts.find((p) => p.key === key)!.value;

/** Where the median of `hours` lies, as bucket bounds: worked out from the sorted list, not from a histogram. */
function medianBucket(hours: number[]) {
  const sorted = [...hours].sort((a, b) => a - b);
  const low = sorted[Math.ceil(sorted.length / 2) - 1];
  const high = sorted[sorted.length % 2 === 1 ? Math.ceil(sorted.length / 2) - 1 : sorted.length / 2];
  const bounds: number[] = [...DURATION_BOUNDS_HOURS];
  return {
    lowerHours: Math.max(...bounds.filter((b) => b <= low)),
    upperHours: bounds.find((b) => b > high) ?? null,
  };
}

/** Every new row's figures match the records behind them. */
function expectOtherFigures(body: { headline: Row[]; serviceRequests: unknown }, total: number) {
  const n = otherRecordCounts(total);
  expect(part(body, 'service_requests', 'submitted')).toBe(n.requests);
  expect(body.headline.find((r) => r.id === 'service_categories')!.total).toBe(n.requests);
  expect(part(body, 'bookings', 'requested')).toBe(n.bookings);
  expect(part(body, 'duty', 'appointments')).toBe(n.appointments);
  expect(body.headline.find((r) => r.id === 'events')!.total).toBe(n.events);
  const done = hoursToDoneOf(total);
  expect(body.serviceRequests).toEqual({
    done: done.length,
    medianHoursToDone: medianBucket(done),
    bucketBoundsHours: [...DURATION_BOUNDS_HOURS],
  });
}

it('reads the same number of items per load at 1,000 and at 100,000 records, and about the same bytes once the days are sealed', async () => {
  const reads = countItemsRead();
  const load = async () => {
    reads.reset();
    const res = await app.request('GET', `/v1/admin/dashboard?from=${BULK_FROM}&to=${BULK_TO}`, {
      token: staff,
    });
    expect(res.status).toBe(200);
    return { body: res.body, items: reads.total, bytes: reads.bytes };
  };
  /** A load as written, then one after the days are sealed (functions/lib/sealedDays.ts): same figures, same items. */
  const loads = async () => {
    const open = await load();
    await sealDays(BULK_FROM, BULK_TO);
    const sealed = await load();
    expect(sealed.body).toEqual(open.body);
    expect(sealed.items).toBe(open.items);
    return { ...open, sealedBytes: sealed.bytes, keptBytes: await keptMarksBytes() };
  };

  const smallPeople = await writeVisits(0, 1_000);
  const small = await loads();
  expect(small.body.summary.uniqueVisitors).toBe(smallPeople);
  expect(small.body.headline.find((r: { id: string }) => r.id === 'checkins').total).toBe(1_000);
  expectOtherFigures(small.body, 1_000);

  // The 100,000 records' aggregates are written afresh, their sets with them (as the days were before sealing).
  const largePeople = await writeVisits(1_000, 100_000);
  const large = await loads();
  expect(large.body.summary.uniqueVisitors).toBe(largePeople);
  expect(large.body.headline.find((r: { id: string }) => r.id === 'checkins').total).toBe(100_000);
  expect(large.body.ranking.items).toHaveLength(10);
  expectOtherFigures(large.body, 100_000);

  expect(largePeople).toBeGreaterThan(smallPeople * 50);
  expect(large.items).toBe(small.items);
  console.log(
    `per dashboard load, 1,000 → 100,000 records: ${small.items} → ${large.items} items; bytes ` +
      `${small.bytes} → ${large.bytes} with the days' sets, ${small.sealedBytes} → ${large.sealedBytes} sealed`,
  );
  console.log(
    `of which the marks sealing keeps (events held, booking hours, children: KEEPS_MARKS): ` +
      `${small.keptBytes} → ${large.keptBytes}`,
  );
  // The sets grow with the records; the sealed days' numbers do not. What still grows is the marks of the metrics
  // that are taken back later (their events and bookings a day: the test has 25 times more of them at 100,000).
  expect(large.bytes).toBeGreaterThan(small.bytes * 5);
  expect(large.sealedBytes - large.keptBytes).toBeLessThanOrEqual(
    (small.sealedBytes - small.keptBytes) * 1.1,
  );
});
