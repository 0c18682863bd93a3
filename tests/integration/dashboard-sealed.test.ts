// Sealed days (functions/lib/sealedDays.ts): a past day's dashboard items drop their "already counted" sets and keep
// their numbers; a count that comes for a sealed day is refused, so nothing is ever counted twice; the hourly job
// seals the days two to eight days back, never today or yesterday.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { countDistinct } from '../../functions/lib/distinctMetrics';
import { countDurationOnce, countOnce, uncountOnce } from '../../functions/lib/exactCounters';
import { readDay } from '../../functions/lib/metrics';
import { sealDay, sealDays, sealDueDays } from '../../functions/lib/sealedDays';
import { addDays, districtDate, districtInstant } from '../../functions/lib/time';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const item = async (day: string, sk: string) =>
  (
    await db().send(
      new GetCommand({ TableName: tableName(), Key: { pk: `STATS#${day}`, sk }, ConsistentRead: true }),
    )
  ).Item;
const noon = (day: string) => districtInstant(day, '12:00').getTime();

it('a sealed day keeps every figure and drops its sets; an item is sealed once', async () => {
  const day = '2026-09-01';
  await countOnce('service_requests.submitted', 'r1', noon(day));
  await countOnce('service_requests.submitted', 'r2', noon(day));
  await countDurationOnce('service_hours_to_done', 'r1', noon(day), 3);
  await countDistinct('visitors', 'p1', noon(day));
  await countDistinct('visitors', 'p2', noon(day));
  const before = await readDay(day);
  expect(before.counters['service_requests.submitted']).toBe(2);
  expect((await item(day, 'distinct#visitors'))?.people).toEqual(new Set(['p1', 'p2']));

  expect(await sealDays(day, day)).toEqual({ days: 1, items: 3 });
  expect(await readDay(day)).toEqual(before);
  for (const sk of ['service_requests.submitted', 'histogram#service_hours_to_done', 'distinct#visitors']) {
    const sealed = await item(day, sk);
    expect({ sk, counted: sealed?.counted, people: sealed?.people, sealed: sealed?.sealed }).toEqual({
      sk,
      counted: undefined,
      people: undefined,
      sealed: true,
    });
  }
  // Nothing left to seal.
  expect(await sealDay(day)).toBe(0);
});

it('a count that comes for a sealed day is refused: a subject counted before is not counted again, nor a new one', async () => {
  const day = '2026-09-02';
  await countOnce('bookings.requested', 'b1', noon(day));
  await countDurationOnce('service_hours_to_done', 'r1', noon(day), 3);
  await countDistinct('participants', 'p1', noon(day));
  await sealDay(day);
  const before = await readDay(day);
  // A retry of b1 (its mark is gone with the set), a late b2, an uncount of b1, a late duration, a late person.
  expect(await countOnce('bookings.requested', 'b1', noon(day))).toBe(false);
  expect(await countOnce('bookings.requested', 'b2', noon(day))).toBe(false);
  expect(await uncountOnce('bookings.requested', 'b1', noon(day))).toBe(false);
  expect(await countDurationOnce('service_hours_to_done', 'r1', noon(day), 3)).toBe(false);
  expect(await countDurationOnce('service_hours_to_done', 'r2', noon(day), 30)).toBe(false);
  await countDistinct('participants', 'p2', noon(day));
  expect(await readDay(day)).toEqual(before);
  // A metric the day had no item of yet is counted, with its mark, until the next run seals it too.
  expect(await countOnce('bookings.approved', 'b1', noon(day))).toBe(true);
  expect(await countOnce('bookings.approved', 'b1', noon(day))).toBe(false);
  expect(await sealDay(day)).toBe(1);
  expect((await readDay(day)).counters['bookings.approved']).toBe(1);
});

it('the hourly run seals the days two to eight days back, never today or yesterday', async () => {
  const now = Date.now();
  const today = districtDate(now);
  const back = (n: number) => addDays(today, -n);
  for (const n of [0, 1, 2, 8, 9]) await countOnce('duty.appointments', `a${n}`, noon(back(n)));
  await sealDueDays(now);
  const sealed = async (n: number) => (await item(back(n), 'duty.appointments'))?.sealed === true;
  expect([await sealed(0), await sealed(1), await sealed(2), await sealed(8), await sealed(9)]).toEqual([
    false,
    false,
    true,
    true,
    false,
  ]);
  // Today's and yesterday's counts still refuse a second count of the same subject by their marks.
  expect(await countOnce('duty.appointments', 'a0', noon(back(0)))).toBe(false);
  expect(await countOnce('duty.appointments', 'a1', noon(back(1)))).toBe(false);
});

it('metrics taken back later keep their marks when their day is sealed: an uncount still takes back, once', async () => {
  const day = '2026-09-03';
  await countOnce('events.party_lesson', 'e1', noon(day));
  await countOnce('children.youth_education', 'attempt1', noon(day), 2);
  await countOnce('booking_hours.approved', 'b1', noon(day), 1.5);
  await countOnce('signups.youth_education', 'attempt1', noon(day));
  expect(await sealDay(day)).toBe(1); // the sign-ups only
  // An event cancelled after its day was sealed, a household cancelling, an approved booking cancelled.
  expect(await uncountOnce('events.party_lesson', 'e1', noon(day))).toBe(true);
  expect(await uncountOnce('children.youth_education', 'attempt1', noon(day), 2)).toBe(true);
  expect(await uncountOnce('booking_hours.approved', 'b1', noon(day), 1.5)).toBe(true);
  expect(await uncountOnce('events.party_lesson', 'e1', noon(day))).toBe(false);
  const { counters } = await readDay(day);
  expect(counters).toMatchObject({
    'events.party_lesson': 0,
    'children.youth_education': 0,
    'booking_hours.approved': 0,
    'signups.youth_education': 1,
  });
});
