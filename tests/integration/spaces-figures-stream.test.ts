// A visit's figures come from the table's stream (functions/spaces/visitFigures.ts, issue 16): a check-in writes only
// its occupancy steps, and every visit is counted once however its history item came to be written (by the check-in,
// or by the repair of a crashed one) and however often its record is delivered. The space's day keeps marks of what
// it counted until the spaces job seals the day. The stream is the embedded store's change feed, delivered as Lambda
// delivers a DynamoDB stream (infra/local/streams.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { districtMonth } from '../../functions/lib/activityMetrics';
import { createDocumentClient, db, tableName, withClient } from '../../functions/lib/db';
import { armFailpoint } from '../../functions/lib/faults';
import { logger } from '../../functions/lib/logger';
import { readDay } from '../../functions/lib/metrics';
import { addDays } from '../../functions/lib/time';
import { reconcileService, SEAL_AFTER_DAYS } from '../../functions/spaces/reconcileService';
import { MARKS_PER_WRITE } from '../../functions/spaces/statsStore';
import { countVisitRecords, newVisit, type VisitStreamRecord } from '../../functions/spaces/visitFigures';
import { counted, installStoreProbe, isWrite, type StoreOp } from './events.probe';
import {
  AFTER_LEASE,
  CRASH_TIME,
  DISTRICT_DAY,
  at,
  checkIn,
  checkOut,
  repairSpace,
  setClock,
  spacesSuite,
  spaceWithDoor,
} from './spaces.support';

jest.setTimeout(60_000);

const suite = spacesSuite();
beforeAll(() => installStoreProbe());
afterEach(() => jest.restoreAllMocks());

/** Watches the consumer's warning that a figure after the day's count was not written. */
const figureWarnings = () => {
  const warn = jest.spyOn(logger, 'warn');
  return () => warn.mock.calls.filter(([message]) => message === 'visit figures: a figure not counted');
};

/** A client of the consumer's own whose updates fail, as a throttled store does, while `when` says so. */
function failingClient(
  when: (input: {
    Key?: { pk?: string; sk?: string };
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  }) => boolean,
) {
  const client = createDocumentClient();
  const state = { failing: true };
  client.middlewareStack.add(
    (next) => async (args) => {
      if (state.failing && when(args.input as Parameters<typeof when>[0]))
        throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
      return next(args);
    },
    { step: 'initialize', name: 'failSomeUpdates' },
  );
  return { client, state };
}

/**
 * A client of the consumer's own whose first write naming a second mark (a batch's write into the day) lands but whose
 * reply is lost: the write is then sent again (`again`: refused, as the SDK's retry of it would be) or the caller gets
 * an error (`error`).
 */
function replyLostClient(mode: 'again' | 'error') {
  const client = createDocumentClient();
  let lost = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      const values = (args.input as { ExpressionAttributeValues?: Record<string, unknown> })
        .ExpressionAttributeValues;
      if (lost || !values || !(':m1' in values)) return next(args);
      lost = true;
      await next(args);
      if (mode === 'again') return next(args);
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    },
    { step: 'initialize', name: 'loseOneReply' },
  );
  return client;
}

const sum = (buckets: Record<string, number> | undefined) =>
  Object.values(buckets ?? {}).reduce((a, b) => a + b, 0);

/** Every figure a visit moves, once the stream has delivered every change so far. */
async function figures(spaceId: string, userId: string, day = DISTRICT_DAY) {
  await suite.app.streamsSettled();
  const { Item: spaceDay } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `SPACE#${spaceId}`, sk: `DAY#${day}` },
      ConsistentRead: true,
    }),
  );
  const dashboard = await readDay(day);
  const { Item: rank } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `STATS#RANK#${districtMonth(Date.parse(`${day}T12:00:00+08:00`))}`, sk: `USER#${userId}` },
      ConsistentRead: true,
    }),
  );
  return {
    space: {
      visits: (spaceDay?.visits as number | undefined) ?? 0,
      unknown: (spaceDay?.identity_unknown as number | undefined) ?? 0,
      uniqueVisitors: (spaceDay?.uniqueVisitors as number | undefined) ?? 0,
      peak: (spaceDay?.peakOccupancy as number | undefined) ?? 0,
    },
    dashboard: {
      checkins: dashboard.counters['checkins.unknown'] ?? 0,
      visitors: sum(dashboard.distinct.visitors),
      hours: (dashboard.hours.checkins ?? []).reduce((a, b) => a + b, 0),
      participation: (rank?.count as number | undefined) ?? 0,
    },
    marks: {
      visits: [...((spaceDay?.countedVisits as Set<string> | undefined) ?? [])].sort(),
      visitors: [...((spaceDay?.countedVisitors as Set<string> | undefined) ?? [])].sort(),
      sealed: spaceDay?.sealedAt !== undefined,
      /** The token of the day's last counting write (read back when its reply is lost); sealing removes it. */
      token: spaceDay?.lastCountToken !== undefined,
    },
  };
}
type Figures = Awaited<ReturnType<typeof figures>>;

/** What `moved` gives when no figure moved. */
const NOTHING_MOVED = {
  space: { visits: 0, unknown: 0, uniqueVisitors: 0, peak: 0 },
  dashboard: { checkins: 0, visitors: 0, hours: 0, participation: 0 },
};

/**
 * A check-in by a new user on a new space of 5 places, dying at `failpoint` at CRASH_TIME; with every figure read
 * before it.
 */
async function crashedCheckIn(failpoint: string) {
  const { space, door } = await spaceWithDoor(suite, 5);
  const user = await suite.newUser();
  const before = await figures(space.id, user.userId);
  setClock(CRASH_TIME);
  armFailpoint(failpoint);
  await expect(checkIn(suite.app, user.token, space.id, door)).rejects.toThrow('injected crash');
  return { space, user, before };
}

/** How every figure moved between two readings. */
function moved(before: Figures, after: Figures) {
  const diff = <T extends Record<string, number>>(a: T, b: T) =>
    Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - a[k]]));
  return {
    space: diff(before.space, after.space),
    dashboard: diff(before.dashboard, after.dashboard),
  };
}

/** The insert record of a visit's history item, as the stream carries it (made from the stored item). */
async function insertRecord(checkinId: string, sequence: string): Promise<VisitStreamRecord> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `SPACECHECKIN#${checkinId}`, sk: 'META' },
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error(`no history item for ${checkinId}`);
  return {
    eventName: 'INSERT',
    dynamodb: { NewImage: marshall(Item, { removeUndefinedValues: true }), SequenceNumber: sequence },
  };
}

/** One check-in of a new user on a new space of `capacity` at 09:00 of the test day; its id and the user. */
async function visitOnNewSpace(capacity = 5) {
  const { space, door } = await spaceWithDoor(suite, capacity);
  const user = await suite.newUser();
  setClock(at('09:00'));
  const res = await checkIn(suite.app, user.token, space.id, door);
  expect(res.status).toBe(201);
  return { space, door, user, checkinId: res.body.checkin.id as string };
}

/** `record` as the insert record of another check-in, `id` (not counted yet), delivered as `sequence`. */
function recordAs(record: VisitStreamRecord, id: string, sequence = record.dynamodb!.SequenceNumber!) {
  const image = { ...record.dynamodb!.NewImage!, id: { S: id } };
  return { ...record, dynamodb: { ...record.dynamodb, NewImage: image, SequenceNumber: sequence } };
}

/**
 * Two people's visits to one new space at 09:00, counted by the stream; with their insert records as new check-ins
 * (`<id>-<suffix>`), of new people too with `newPeople`, not counted yet.
 */
async function twoUncountedCopies(suffix: string, newPeople = false) {
  const { space, door } = await spaceWithDoor(suite, 5);
  const people = [await suite.newUser(), await suite.newUser()];
  setClock(at('09:00'));
  const records: VisitStreamRecord[] = [];
  for (const [i, p] of people.entries()) {
    const checkinId = (await checkIn(suite.app, p.token, space.id, door)).body.checkin.id as string;
    const record = await insertRecord(checkinId, `${i + 1}`);
    record.dynamodb!.NewImage!.id = { S: `${checkinId}-${suffix}` };
    if (newPeople) record.dynamodb!.NewImage!.userId = { S: `${p.userId}-${suffix}` };
    records.push(record);
  }
  await suite.app.streamsSettled();
  return { space, people, records };
}

/**
 * A visit on a new space, counted by the stream; with its insert record as a new check-in (`<id>-<suffix>`, and a new
 * person too with `newPerson`), not counted yet.
 */
async function uncountedCopy(sequence: string, suffix: string, newPerson = false) {
  const visit = await visitOnNewSpace();
  await suite.app.streamsSettled();
  const record = await insertRecord(visit.checkinId, sequence);
  record.dynamodb!.NewImage!.id = { S: `${visit.checkinId}-${suffix}` };
  if (newPerson) record.dynamodb!.NewImage!.userId = { S: `${visit.user.userId}-${suffix}` };
  return { ...visit, record };
}

describe('visit figures from the stream', () => {
  it('a check-in writes no figure on its own path; its visit is counted once from the stream, a second visit the same day only as a visit', async () => {
    const { space, door } = await spaceWithDoor(suite, 5);
    const user = await suite.newUser();
    const before = await figures(space.id, user.userId);
    setClock(at('09:00'));
    const { result, ops } = await counted(() => checkIn(suite.app, user.token, space.id, door));
    expect(result.status).toBe(201);
    const warnings = figureWarnings();
    const figureWrites = ops.filter((o) => o.pk.startsWith('STATS#') || o.sk.startsWith('DAY#'));
    expect(figureWrites).toEqual([]);
    let after = await figures(space.id, user.userId);
    expect(moved(before, after)).toEqual({
      space: { visits: 1, unknown: 1, uniqueVisitors: 1, peak: 1 },
      dashboard: { checkins: 1, visitors: 1, hours: 1, participation: 1 },
    });
    expect(warnings()).toEqual([]);
    expect(after.marks).toEqual({
      visits: [result.body.checkin.id],
      visitors: [user.userId],
      sealed: false,
      token: false, // one visit: counted by its own write, which carries no token
    });

    expect((await checkOut(suite.app, user.token, space.id)).status).toBe(200);
    setClock(at('15:00'));
    expect((await checkIn(suite.app, user.token, space.id, door)).status).toBe(201);
    after = await figures(space.id, user.userId);
    // The same person again: one more visit, check-in, hour and participation; not one more visitor.
    expect(moved(before, after)).toEqual({
      space: { visits: 2, unknown: 2, uniqueVisitors: 1, peak: 1 },
      dashboard: { checkins: 2, visitors: 1, hours: 2, participation: 2 },
    });
  });

  it('the peak is the highest counter a check-in left, not the last', async () => {
    const { space, door } = await spaceWithDoor(suite, 5);
    const people = [await suite.newUser(), await suite.newUser(), await suite.newUser()];
    setClock(at('09:00'));
    for (const p of people) expect((await checkIn(suite.app, p.token, space.id, door)).status).toBe(201);
    for (const p of people.slice(0, 2)) await checkOut(suite.app, p.token, space.id);
    expect((await checkIn(suite.app, people[0].token, space.id, door)).status).toBe(201); // the counter at 2
    expect((await figures(space.id, people[0].userId)).space).toMatchObject({ visits: 4, peak: 3 });
  });

  it('a check-in that died after its open check-in was written is counted once, when the repair writes its history', async () => {
    const { space, user, before } = await crashedCheckIn('spaces.checkin.afterOpened');
    // No history item yet: nothing to count.
    expect(moved(before, await figures(space.id, user.userId)).space.visits).toBe(0);
    const warnings = figureWarnings();
    expect(await repairSpace(space.id, AFTER_LEASE)).toMatchObject({ intentsFinished: 1 });
    const after = await figures(space.id, user.userId);
    expect(warnings()).toEqual([]); // nothing tried and failed (no peak write without a counter)
    // Counted by the repair's write. The peak stays as it was: a repaired visit carries no counter of its own.
    expect(moved(before, after)).toEqual({
      space: { visits: 1, unknown: 1, uniqueVisitors: 1, peak: 0 },
      dashboard: { checkins: 1, visitors: 1, hours: 1, participation: 1 },
    });
  });

  it('a check-in that died after its history was written is counted once; the repair adds nothing', async () => {
    const { space, user, before } = await crashedCheckIn('spaces.checkin.afterHistory');
    const crashed = await figures(space.id, user.userId);
    expect(await repairSpace(space.id, AFTER_LEASE)).toMatchObject({ intentsFinished: 1 });
    const expected = {
      space: { visits: 1, unknown: 1, uniqueVisitors: 1, peak: 1 },
      dashboard: { checkins: 1, visitors: 1, hours: 1, participation: 1 },
    };
    expect(moved(before, crashed)).toEqual(expected);
    expect(moved(before, await figures(space.id, user.userId))).toEqual(expected);
  });

  it('a check-in refused (the space full) or a repeated scan counts nothing', async () => {
    const { space, door, user } = await visitOnNewSpace(1);
    const other = await suite.newUser();
    const before = await figures(space.id, user.userId);
    expect((await checkIn(suite.app, user.token, space.id, door)).status).toBe(200); // already in
    expect((await checkIn(suite.app, other.token, space.id, door)).status).toBe(409); // full
    expect(moved(before, await figures(space.id, user.userId))).toEqual(NOTHING_MOVED);
  });
});

describe('the stream consumer under redelivery and failure', () => {
  it('a record delivered again, in the same batch or later, counts nothing more', async () => {
    const { space, user, checkinId } = await visitOnNewSpace();
    const before = await figures(space.id, user.userId);
    const record = await insertRecord(checkinId, '1');
    expect((await countVisitRecords([record, record])).batchItemFailures).toEqual([]);
    expect((await countVisitRecords([record])).batchItemFailures).toEqual([]);
    const after = await figures(space.id, user.userId);
    expect(moved(before, after)).toEqual(NOTHING_MOVED);
    expect(after.marks.visits).toEqual([checkinId]);
  });

  it('only the first write of a visit counts: its check-out (a change) and other items count nothing', async () => {
    const { space, user, checkinId } = await visitOnNewSpace();
    const insert = await insertRecord(checkinId, '1');
    expect(newVisit(insert)).toMatchObject({ id: checkinId, spaceId: space.id, userId: user.userId });
    const change = { dynamodb: { ...insert.dynamodb, OldImage: insert.dynamodb!.NewImage } };
    expect(newVisit(change)).toBeNull();
    const other = {
      dynamodb: { NewImage: marshall({ pk: `SPACE#${space.id}`, sk: 'META', type: 'space' }) },
    };
    expect(newVisit(other)).toBeNull();
    expect(newVisit({ dynamodb: {} })).toBeNull();
    // Through the consumer: skipped, not failed, nothing counted.
    const before = await figures(space.id, user.userId);
    expect((await countVisitRecords([change, other, { dynamodb: {} }])).batchItemFailures).toEqual([]);
    expect(await figures(space.id, user.userId)).toEqual(before);
  });

  it('a batch of visits to one space on one day is counted in one write per figure; again, or mixed with new ones, each once', async () => {
    const { space, door } = await spaceWithDoor(suite, 10);
    const people = [
      await suite.newUser(),
      await suite.newUser(),
      await suite.newUser(),
      await suite.newUser(),
    ];
    setClock(at('09:00'));
    const real: string[] = [];
    for (const p of people) real.push((await checkIn(suite.app, p.token, space.id, door)).body.checkin.id);
    await suite.app.streamsSettled();
    // The same visits as new check-ins of new people (`tag`), not counted yet.
    const recordsOf = async (tag: string, ids: string[], occupancyFrom?: number) => {
      const records: VisitStreamRecord[] = [];
      for (const [i, id] of ids.entries()) {
        const record = await insertRecord(id, `${tag}${i}`);
        record.dynamodb!.NewImage!.id = { S: `${id}-${tag}` };
        record.dynamodb!.NewImage!.userId = { S: `${people[i].userId}-${tag}` };
        if (occupancyFrom !== undefined) record.dynamodb!.NewImage!.occupancy = { N: `${occupancyFrom + i}` };
        records.push(record);
      }
      return records;
    };
    const writesTo = (ops: StoreOp[]) => {
      const writes = ops.filter(isWrite);
      return {
        spaceDay: writes.filter((o) => o.pk === `SPACE#${space.id}`).length,
        dashboard: writes.filter((o) => o.pk.startsWith('STATS#')).length,
        other: writes.filter((o) => o.pk !== `SPACE#${space.id}` && !o.pk.startsWith('STATS#')).length,
      };
    };
    const before = await figures(space.id, people[0].userId);

    // Counters 5 to 8, out of order: the peak is the highest of the batch.
    const batch = await recordsOf('b', real, 5);
    [batch[1], batch[3]] = [batch[3], batch[1]];
    const first = await counted(() => countVisitRecords(batch));
    expect(first.result.batchItemFailures).toEqual([]);
    // The day: the visits, the visitors, the peak. The dashboard: the check-ins by identity (1), each visitor in all
    // and by identity (the person's last-seen day, 4 + 4; then the day, 1 + 1), the hour (1), each participation (4 × 2).
    expect(writesTo(first.ops)).toEqual({ spaceDay: 3, dashboard: 20, other: 0 });
    const counted4 = await figures(space.id, people[0].userId);
    expect(moved(before, counted4)).toMatchObject({
      space: { visits: 4, unknown: 4, uniqueVisitors: 4 },
      dashboard: { checkins: 4, visitors: 4, hours: 4 },
    });
    expect([before.space.peak, counted4.space.peak]).toEqual([4, 8]);

    // Delivered again: refused at once, then one by one; nothing moves.
    expect((await countVisitRecords(batch)).batchItemFailures).toEqual([]);
    expect(moved(counted4, await figures(space.id, people[0].userId))).toEqual(NOTHING_MOVED);

    // Two of them again, with two new ones (one of them twice in the batch): the new ones, once each.
    const fresh = await recordsOf('c', real.slice(0, 2));
    const mixed = [batch[0], fresh[0], batch[1], fresh[1], fresh[1]];
    expect((await countVisitRecords(mixed)).batchItemFailures).toEqual([]);
    expect(moved(counted4, await figures(space.id, people[0].userId))).toMatchObject({
      space: { visits: 2, unknown: 2, uniqueVisitors: 2, peak: 0 },
      dashboard: { checkins: 2, visitors: 2, hours: 2 },
    });

    // One person twice in a batch (two visits that day), the second record delivered twice in it: two visits, hours
    // and participations; one visitor.
    const twice = await recordsOf('d', real.slice(0, 2));
    twice[1].dynamodb!.NewImage!.userId = twice[0].dynamodb!.NewImage!.userId;
    const person = twice[0].dynamodb!.NewImage!.userId.S!;
    const beforeTwice = await figures(space.id, person);
    expect((await countVisitRecords([...twice, twice[1]])).batchItemFailures).toEqual([]);
    expect(moved(beforeTwice, await figures(space.id, person))).toMatchObject({
      space: { visits: 2, uniqueVisitors: 1 },
      dashboard: { checkins: 2, visitors: 1, hours: 2, participation: 2 },
    });
  });

  it('a batch of more visits than one write may mark (51) is counted in two writes, each visit once with its hour', async () => {
    const { space, user, record } = await uncountedCopy('1', 'many');
    const base = record.dynamodb!.NewImage!;
    const many: VisitStreamRecord[] = Array.from({ length: MARKS_PER_WRITE + 1 }, (_, i) => ({
      eventName: 'INSERT',
      dynamodb: {
        NewImage: { ...base, id: { S: `${base.id.S}-${i}` }, userId: { S: `${user.userId}-many-${i}` } },
        SequenceNumber: `${i + 1}`,
      },
    }));
    const before = await figures(space.id, user.userId);
    const { result, ops } = await counted(() => countVisitRecords(many));
    expect(result.batchItemFailures).toEqual([]);
    // Visits: 50 marks, then 1; visitors likewise; and the peak.
    expect(ops.filter((o) => isWrite(o) && o.pk === `SPACE#${space.id}`)).toHaveLength(5);
    expect(moved(before, await figures(space.id, user.userId))).toMatchObject({
      space: { visits: 51, unknown: 51, uniqueVisitors: 51 },
      dashboard: { checkins: 51, visitors: 51, hours: 51 },
    });
  });

  it('a visit record without a check-in time is logged and passed by; the others of its batch are counted', async () => {
    const { space, user, record } = await uncountedCopy('2', 'timeless', true);
    const timeless = { dynamodb: { ...record.dynamodb, SequenceNumber: '1' } };
    timeless.dynamodb.NewImage = { ...record.dynamodb!.NewImage!, id: { S: 'no-time' } };
    delete timeless.dynamodb.NewImage.checkedInAt;
    const error = jest.spyOn(logger, 'error');
    const before = await figures(space.id, user.userId);
    expect((await countVisitRecords([timeless, record])).batchItemFailures).toEqual([]);
    expect(error.mock.calls).toEqual([
      ['visit figures: a visit without a check-in time; not counted', { checkinId: 'no-time' }],
    ]);
    expect(moved(before, await figures(space.id, user.userId)).space.visits).toBe(1);
  });

  it('a batch whose one write for all its visits (or visitors) fails is counted one by one, each once', async () => {
    const { space, people, records } = await twoUncountedCopies('again', true);
    const before = await figures(space.id, people[0].userId);
    // Only a write that names a second mark fails: the batch's writes of the day.
    const { client } = failingClient((input) => ':m1' in (input.ExpressionAttributeValues ?? {}));
    const warn = jest.spyOn(logger, 'warn');
    expect((await withClient(client, () => countVisitRecords(records))).batchItemFailures).toEqual([]);
    expect(warn.mock.calls.map(([message]) => message)).toContain(
      'visit figures: visits not counted at once; counted one by one',
    );
    expect(moved(before, await figures(space.id, people[0].userId))).toMatchObject({
      space: { visits: 2, unknown: 2, uniqueVisitors: 2, peak: 0 },
      dashboard: { checkins: 2, visitors: 2, hours: 2 },
    });
    client.destroy();
  });

  it.each(['again', 'error'] as const)(
    "a batch's write into the day whose reply was lost (%s) counts its visits once, with their hours and participations",
    async (mode) => {
      const { space, people, records } = await twoUncountedCopies('lost');
      const before = await figures(space.id, people[0].userId);
      const client = replyLostClient(mode);
      expect((await withClient(client, () => countVisitRecords(records))).batchItemFailures).toEqual([]);
      // The same people again: visits, check-ins, hours and participations; no new visitor.
      expect(moved(before, await figures(space.id, people[0].userId))).toEqual({
        space: { visits: 2, unknown: 2, uniqueVisitors: 0, peak: 0 },
        dashboard: { checkins: 2, visitors: 0, hours: 2, participation: 1 },
      });
      client.destroy();
    },
  );

  it('a record twice in a batch whose visit cannot be counted: neither copy counts anything before it comes again', async () => {
    const { space, user, record } = await uncountedCopy('5', 'twice', true);
    const copy = { ...record, dynamodb: { ...record.dynamodb, SequenceNumber: '6' } };
    const before = await figures(space.id, user.userId);
    const { client, state } = failingClient((input) => !!input.Key?.sk?.startsWith('DAY#'));
    expect((await withClient(client, () => countVisitRecords([record, copy]))).batchItemFailures).toEqual([
      { itemIdentifier: '5' },
    ]);
    expect(moved(before, await figures(space.id, user.userId))).toEqual(NOTHING_MOVED);
    state.failing = false;
    expect((await withClient(client, () => countVisitRecords([record, copy]))).batchItemFailures).toEqual([]);
    expect(moved(before, await figures(space.id, user.userId))).toMatchObject({
      space: { visits: 1, uniqueVisitors: 1 },
      dashboard: { checkins: 1, visitors: 1, hours: 1 },
    });
    client.destroy();
  });

  it('a visit whose day count cannot be written is reported failed from there on; delivered again, each visit of the batch is counted once', async () => {
    const visits = [await visitOnNewSpace(), await visitOnNewSpace(), await visitOnNewSpace()];
    await suite.app.streamsSettled();
    // The same visits as records on new check-in ids (the real ones are counted already).
    const records: VisitStreamRecord[] = [];
    for (const [i, v] of visits.entries()) {
      const record = await insertRecord(v.checkinId, `${i + 1}`);
      record.dynamodb!.NewImage!.id = { S: `${v.checkinId}-again` };
      records.push(record);
    }
    const read = () => Promise.all(visits.map((v) => figures(v.space.id, v.user.userId)));
    const before = await read();
    const { client, state } = failingClient(
      (input) => input.Key?.pk === `SPACE#${visits[1].space.id}` && !!input.Key.sk?.startsWith('DAY#'),
    );
    const visitsMoved = async () => (await read()).map((f, i) => f.space.visits - before[i].space.visits);

    const first = await withClient(client, () => countVisitRecords(records));
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(await visitsMoved()).toEqual([1, 0, 1]);
    // Nothing else of the failed visit is counted before it comes again (the dashboard is one for the day).
    expect(moved(before[0], (await read())[0]).dashboard.checkins).toBe(2);
    // Lambda delivers again from the failed record: the second is counted, the third not twice.
    state.failing = false;
    expect((await withClient(client, () => countVisitRecords(records.slice(1)))).batchItemFailures).toEqual(
      [],
    );
    expect(await visitsMoved()).toEqual([1, 1, 1]);
    // The dashboard (one for the day) counted three check-ins and hours, no visitor twice; each person once more.
    const after = await read();
    expect(moved(before[0], after[0]).dashboard).toEqual({
      checkins: 3,
      visitors: 0,
      hours: 3,
      participation: 1,
    });
    for (const [i, f] of after.entries()) expect(moved(before[i], f).dashboard.participation).toBe(1);
    client.destroy();
  });

  it('a batch whose first visit cannot be counted is reported failed from that first record', async () => {
    const { space, user, record } = await uncountedCopy('7', 'again');
    const { client, state } = failingClient((input) => !!input.Key?.sk?.startsWith('DAY#'));
    const before = await figures(space.id, user.userId);
    expect((await withClient(client, () => countVisitRecords([record]))).batchItemFailures).toEqual([
      { itemIdentifier: '7' },
    ]);
    expect(moved(before, await figures(space.id, user.userId)).space.visits).toBe(0);
    state.failing = false;
    expect((await withClient(client, () => countVisitRecords([record]))).batchItemFailures).toEqual([]);
    expect(moved(before, await figures(space.id, user.userId)).space.visits).toBe(1);
    client.destroy();
  });

  it('a figure after the day count that cannot be written is logged and lost, and the record is not failed', async () => {
    const { space, door } = await spaceWithDoor(suite, 5);
    const user = await suite.newUser();
    await suite.app.streamsSettled();
    const before = await figures(space.id, user.userId);
    // The visitor's count fails; the visit's count and everything else go through.
    const { client } = failingClient((input) =>
      Object.values(input.ExpressionAttributeNames ?? {}).includes('uniqueVisitors'),
    );
    const warnings = figureWarnings();
    setClock(at('09:00'));
    const checkinId = (await checkIn(suite.app, user.token, space.id, door)).body.checkin.id as string;
    await suite.app.streamsSettled(); // the real record, counted by the local consumer
    const record = await insertRecord(checkinId, '1');
    record.dynamodb!.NewImage!.id = { S: `${checkinId}-other` };
    record.dynamodb!.NewImage!.userId = { S: `${user.userId}-other` };
    expect((await withClient(client, () => countVisitRecords([record]))).batchItemFailures).toEqual([]);
    expect(warnings()).toEqual([
      [
        'visit figures: a figure not counted',
        expect.objectContaining({ figure: 'uniqueVisitors', checkinIds: [`${checkinId}-other`] }),
      ],
    ]);
    // Two visits; the second visitor not counted (best effort, logged).
    expect(moved(before, await figures(space.id, user.userId)).space).toEqual({
      visits: 2,
      unknown: 2,
      uniqueVisitors: 1,
      peak: 1,
    });
    client.destroy();
  });
});

describe('sealing a day', () => {
  it('the spaces job seals a day two days on: the marks go, the figures stay, nothing more is counted there', async () => {
    const { space, user, checkinId } = await visitOnNewSpace();
    const record = await insertRecord(checkinId, '1');
    // Two more visits that day, counted in one write: it leaves its token on the day.
    const copies = ['b1', 'b2'].map((suffix, i) => recordAs(record, `${checkinId}-${suffix}`, `${i + 2}`));
    expect((await countVisitRecords(copies)).batchItemFailures).toEqual([]);
    const counted = await figures(space.id, user.userId);
    expect(counted.marks.visits).toEqual([checkinId, `${checkinId}-b1`, `${checkinId}-b2`]);
    expect(counted.marks.token).toBe(true);

    // The next day, the day is not sealed yet.
    const nextDay = at('09:00', '2026-12-02');
    expect(await reconcileService.sealOldDays(space.id, nextDay)).toBe(0);
    expect((await figures(space.id, user.userId)).marks.sealed).toBe(false);

    const sealAt = at('00:10', addDays(DISTRICT_DAY, SEAL_AFTER_DAYS));
    const summary = await reconcileService.reconcileAllSpaces(sealAt);
    expect(summary.daysSealed).toBeGreaterThanOrEqual(1);
    const sealed = await figures(space.id, user.userId);
    expect(sealed.marks).toEqual({ visits: [], visitors: [], sealed: true, token: false });
    expect(moved(counted, sealed)).toEqual(NOTHING_MOVED);

    // A record of the sealed day (a very late redelivery) is not counted again and not reported failed.
    expect((await countVisitRecords([record])).batchItemFailures).toEqual([]);
    const late = recordAs(record, `${checkinId}-late`);
    expect((await countVisitRecords([late])).batchItemFailures).toEqual([]);
    expect((await figures(space.id, user.userId)).space).toEqual(sealed.space);
    // The job seals each day once.
    expect(await reconcileService.sealOldDays(space.id, sealAt)).toBe(0);
  });
});
