// The dashboard's sign-up figures come from the table's stream (functions/events/signupFigures.ts, issue 16 "The
// rush"): the sign-up writes only its seat steps, and every signup is counted once however it came to be. The stream
// is the embedded store's change feed, delivered as Lambda delivers a DynamoDB stream (infra/local/streams.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { reconcileService } from '../../functions/events/reconcileService';
import { countSignupRecords, type SignupStreamRecord } from '../../functions/events/signupFigures';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createDocumentClient, db, tableName, withClient } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { countDistinct, countDistinctEach } from '../../functions/lib/distinctMetrics';
import { countOnceEach } from '../../functions/lib/exactCounters';
import { readDay } from '../../functions/lib/metrics';
import { sealDays } from '../../functions/lib/sealedDays';
import { addDays, districtDate } from '../../functions/lib/time';
import { startTestApp, type TestApp } from '../support/app';
import { CONSENT, createEvent, eventCalls } from './events.support';
import { counted, installStoreProbe } from './events.probe';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  installStoreProbe();
  staff = await app.userWithRoles('figures_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const { signUp, cancel } = eventCalls(() => app);
const login = (name: string) => app.login(`figures_${n}_${name}`);

/** Today's figures once the stream has delivered every change so far. */
async function today() {
  await app.streamsSettled();
  const day = await readDay(districtDate());
  const participants = Object.values(day.distinct.participants ?? {}).reduce((a, b) => a + b, 0);
  return { counters: day.counters, participants };
}
/** A youth-education event for children of 6 to 14, up to 3 a household. */
const youthEvent = (capacity: number) =>
  createEvent(app, staff.token, {
    kind: 'youth_education',
    capacity,
    minAge: 6,
    maxAge: 14,
    maxParticipantsPerSignup: 3,
  });

/**
 * A stream record's image of the stored signup of `userId` on `eventId`, as a new activation (another `attempt`, so
 * the figures the stream consumer already counted for the real one do not hide it), with `changes` on top.
 */
async function activationImage(eventId: string, userId: string, changes: Record<string, unknown> = {}) {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `EVENT#${eventId}`, sk: `SIGNUP#${userId}` },
      ConsistentRead: true,
    }),
  );
  return marshall(
    { ...Item!, attempt: `${Item!.attempt}-${changes.eventId ?? 'again'}`, ...changes },
    { removeUndefinedValues: true, convertClassInstanceToMap: true },
  );
}
const kid = (name: string, age: number) => ({ name, age });
const youthBody = (...children: { name: string; age: number }[]) => ({
  participants: children,
  guardianPhone: '13812341234',
  ...CONSENT,
});

describe('sign-up figures from the stream', () => {
  it('a sign-up writes no figure on its own path, and is counted once from the stream', async () => {
    n++;
    const event = await createEvent(app, staff.token, { kind: 'activity', capacity: 5 });
    const before = await today();
    const user = await login('one');
    const { result, ops } = await counted(() => signUp(event.id, user.token));
    expect(result.body.signup.status).toBe('confirmed');
    expect(ops.filter((o) => o.pk.startsWith('STATS#'))).toEqual([]);
    // The caller's authentication read and the seat steps: 4 in all, of which 3 are the sign-up's own.
    expect(ops.map((o) => `${o.command.replace('Command', '')} ${o.sk.replace(/#.*/, '#')}`)).toEqual([
      'GetItem PROFILE',
      'UpdateItem LEDGER',
      'PutItem SIGNUP#',
      'UpdateItem LEDGER',
    ]);
    const after = await today();
    expect((after.counters['signups.activity'] ?? 0) - (before.counters['signups.activity'] ?? 0)).toBe(1);
    expect(after.participants - before.participants).toBe(1);
  });

  it('a sign-up whose request died right after its signup was written is counted all the same', async () => {
    n++;
    const event = await createEvent(app, staff.token, { kind: 'party_lesson', capacity: 5 });
    const before = await today();
    const user = await login('crash');
    armFailpoint('events.join.afterSignupWritten');
    // The process dies (the failpoint's crash passes through the local gateway, as a dead Lambda answers nothing).
    await expect(signUp(event.id, user.token)).rejects.toThrow(/injected crash/);
    // The reconciler completes the intent the dead request left; the signup itself was written before the crash.
    await reconcileService.settleStaleIntents(event.id, { staleAfterMs: 0 });
    const after = await today();
    expect(
      (after.counters['signups.party_lesson'] ?? 0) - (before.counters['signups.party_lesson'] ?? 0),
    ).toBe(1);
    expect(after.participants - before.participants).toBe(1);
  });

  it('a retried sign-up (same Idempotency-Key), a promotion and a second cancel count nothing more; a sign-up again after a cancel counts again', async () => {
    n++;
    const event = await createEvent(app, staff.token, { kind: 'activity', capacity: 1 });
    const before = await today();
    const [holder, waiter] = [await login('holder'), await login('waiter')];
    const headers = { 'idempotency-key': `figures-${n}-holder` };
    for (let i = 0; i < 2; i++)
      expect(
        (
          await app.request('POST', `/v1/events/${event.id}/signups`, {
            token: holder.token,
            body: {},
            headers,
          })
        ).status,
      ).toBe(201);
    expect((await signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
    expect((await cancel(event.id, holder.token)).status).toBe(200); // the waiter is promoted
    expect((await cancel(event.id, holder.token)).status).toBe(200);
    let after = await today();
    expect((after.counters['signups.activity'] ?? 0) - (before.counters['signups.activity'] ?? 0)).toBe(2);
    expect((await signUp(event.id, holder.token)).body.signup.status).toBe('waitlisted');
    after = await today();
    expect((after.counters['signups.activity'] ?? 0) - (before.counters['signups.activity'] ?? 0)).toBe(3);
    // Three sign-ups, two people.
    expect(after.participants - before.participants).toBe(2);
  });

  it('youth education counts one child per seat; a cancelled household takes its children back, once', async () => {
    n++;
    const event = await youthEvent(10);
    const before = await today();
    const [a, b] = [await login('parent_a'), await login('parent_b')];
    expect((await signUp(event.id, a.token, youthBody(kid('小明', 8), kid('小红', 10)))).status).toBe(201);
    expect((await signUp(event.id, b.token, youthBody(kid('小刚', 9)))).status).toBe(201);
    const children = async () =>
      ((await today()).counters['children.youth_education'] ?? 0) -
      (before.counters['children.youth_education'] ?? 0);
    expect(await children()).toBe(3);
    expect((await cancel(event.id, a.token)).status).toBe(200);
    expect((await cancel(event.id, a.token)).status).toBe(200);
    expect(await children()).toBe(1);
  });

  it('a waiting household promoted into a freed seat keeps its children counted, once', async () => {
    n++;
    const event = await youthEvent(2);
    const before = await today();
    const [a, b] = [await login('promo_a'), await login('promo_b')];
    expect((await signUp(event.id, a.token, youthBody(kid('小明', 8), kid('小红', 10)))).status).toBe(201);
    const waiting = await signUp(event.id, b.token, youthBody(kid('小刚', 9)));
    expect(waiting.body.signup.status).toBe('waitlisted');
    expect((await cancel(event.id, a.token)).status).toBe(200); // b is promoted (waitlisted → confirmed)
    const after = await today();
    expect((await signUp(event.id, a.token, youthBody(kid('小明', 8)))).status).toBe(201); // a again, 1 child
    const again = await today();
    const delta = (d: typeof before, metric: string) =>
      (d.counters[metric] ?? 0) - (before.counters[metric] ?? 0);
    expect([delta(after, 'children.youth_education'), delta(after, 'signups.youth_education')]).toEqual([
      1, 2,
    ]);
    expect([delta(again, 'children.youth_education'), delta(again, 'signups.youth_education')]).toEqual([
      2, 3,
    ]);
  });
});

describe('the stream consumer under failure', () => {
  it('a record of an event that is gone is skipped; the records after it are counted', async () => {
    n++;
    const event = await createEvent(app, staff.token, { kind: 'activity', capacity: 5 });
    const user = await login('gone');
    await signUp(event.id, user.token);
    await app.streamsSettled();
    const client = createDocumentClient();
    const image = (eventId: string) =>
      activationImage(event.id, user.userId, { eventId, pk: `EVENT#${eventId}` });
    const records: SignupStreamRecord[] = [
      { dynamodb: { NewImage: await image('no-such-event'), SequenceNumber: '1' } },
      { dynamodb: { NewImage: await image(event.id), SequenceNumber: '2' } },
    ];
    const before = await today();
    const result = await withClient(client, () => countSignupRecords(records));
    expect(result.batchItemFailures).toEqual([]);
    const after = await today();
    // Only the second record counted: no figure of an unknown kind, nothing else moved.
    const changed = Object.keys(after.counters).filter((m) => after.counters[m] !== before.counters[m]);
    expect(changed).toEqual(['signups.activity']);
    expect(after.counters['signups.activity'] - (before.counters['signups.activity'] ?? 0)).toBe(1);
    // A kind without children has no children's figure at all (not even a zero).
    expect(after.counters['children.activity']).toBeUndefined();
    client.destroy();
  });

  it('a record whose event cannot be read is reported failed with every later one, and nothing of them is counted; delivered again, and again, each is counted once', async () => {
    n++;
    const [lesson, activity] = [
      await createEvent(app, staff.token, { kind: 'party_lesson', capacity: 5 }),
      await createEvent(app, staff.token, { kind: 'activity', capacity: 5 }),
    ];
    const users = [await login('f1'), await login('f2'), await login('f3')];
    await signUp(lesson.id, users[0].token);
    await signUp(activity.id, users[1].token);
    await signUp(lesson.id, users[2].token);
    await app.streamsSettled();
    // The three signups' insert records, as the stream carries them (built from the stored items).
    const client = createDocumentClient();
    const image = (eventId: string, userId: string) => activationImage(eventId, userId);
    const records: SignupStreamRecord[] = [];
    for (const [i, [eventId, user]] of (
      [
        [lesson.id, users[0]],
        [activity.id, users[1]],
        [lesson.id, users[2]],
      ] as const
    ).entries())
      records.push({ dynamodb: { NewImage: await image(eventId, user.userId), SequenceNumber: `${i + 1}` } });

    const before = await today();
    // The activity's ledger read fails: the first record (the lesson) is counted, the second and third are not.
    let failing = true;
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Key?: { pk?: string } };
        if (failing && input.Key?.pk === `EVENT#${activity.id}`)
          throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
        return next(args);
      },
      { step: 'initialize', name: 'failActivityRead' },
    );
    // When the batch's very first record is the one whose event cannot be read, all of it is reported failed.
    const fromTheFirst = await withClient(client, () => countSignupRecords(records.slice(1)));
    expect(fromTheFirst.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
    expect((await today()).counters).toEqual(before.counters);
    const first = await withClient(client, () => countSignupRecords(records));
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
    let after = await today();
    const delta = (metric: string) => (after.counters[metric] ?? 0) - (before.counters[metric] ?? 0);
    expect([delta('signups.party_lesson'), delta('signups.activity')]).toEqual([1, 0]);
    // Lambda delivers again from the first failed record.
    failing = false;
    const again = await withClient(client, () => countSignupRecords(records.slice(1)));
    expect(again.batchItemFailures).toEqual([]);
    after = await today();
    expect([delta('signups.party_lesson'), delta('signups.activity')]).toEqual([2, 1]);
    // The whole batch once more (Lambda redelivers a batch whose function died): nothing is counted twice.
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    after = await today();
    expect([delta('signups.party_lesson'), delta('signups.activity')]).toEqual([2, 1]);
    client.destroy();
  });
});

describe("a batch's figures, written together", () => {
  /** Store commands sent through `client`, by name (the consumer's own client, as its own Lambda has). */
  function commandsOf(client: ReturnType<typeof createDocumentClient>) {
    const sent: string[] = [];
    client.middlewareStack.add(
      (next) => (args) => {
        const input = args.input as { Key?: { pk?: string; sk?: string } };
        sent.push(`${input.Key?.pk?.replace(/#.*/, '#')} ${input.Key?.sk?.replace(/#.*/, '#')}`);
        return next(args);
      },
      { step: 'initialize', name: 'countConsumerCommands' },
    );
    return sent;
  }

  /** A youth event for 10 with one real household of two children signed up (not yet counted for sure). */
  async function youthWithParent(name: string) {
    const event = await youthEvent(10);
    const parent = await login(name);
    expect((await signUp(event.id, parent.token, youthBody(kid('小明', 8), kid('小红', 10)))).status).toBe(
      201,
    );
    return { event, parent };
  }

  /** An activity with one real sign-up, already counted: its stored signup is what the records are made from. */
  async function activityWithHolder(name: string) {
    const event = await createEvent(app, staff.token, { kind: 'activity', capacity: 5 });
    const holder = await login(name);
    await signUp(event.id, holder.token);
    await app.streamsSettled();
    return { event, holder };
  }

  /** Insert records of new sign-ups on `eventId` by people nobody has seen, made from one stored signup's image. */
  async function newSignupRecords(eventId: string, userId: string, people: string[], status = 'confirmed') {
    const records: SignupStreamRecord[] = [];
    for (const [i, person] of people.entries())
      records.push({
        dynamodb: {
          NewImage: await activationImage(eventId, userId, {
            userId: person,
            sk: `SIGNUP#${person}`,
            attempt: `${person}-attempt`,
            status,
          }),
          SequenceNumber: `${i + 1}`,
        },
      });
    return records;
  }

  it('60 new sign-ups take one write per figure for each 50 of them and one per person; delivered again with 10 more, only the 10 count', async () => {
    n++;
    const { event, parent } = await youthWithParent('batch_parent');
    const people = Array.from({ length: 70 }, (_, i) => `figures_${n}_batch_${i}`);
    const records = await newSignupRecords(event.id, parent.userId, people);
    const before = await today();
    const delta = (d: typeof before, metric: string) =>
      (d.counters[metric] ?? 0) - (before.counters[metric] ?? 0);
    const client = createDocumentClient();
    const sent = commandsOf(client);

    expect(
      (await withClient(client, () => countSignupRecords(records.slice(0, 60)))).batchItemFailures,
    ).toEqual([]);
    let after = await today();
    expect([delta(after, 'signups.youth_education'), delta(after, 'children.youth_education')]).toEqual([
      60, 120,
    ]);
    expect(after.participants - before.participants).toBe(60);
    const writes = (key: string) => sent.filter((s) => s === key).length;
    // The event's kind (1); sign-ups and children: 50 + 10 each (2 + 2); each person's last-seen day (60); the
    // day's distinct people: 50 + 10 (2).
    expect(sent).toHaveLength(67);
    expect([
      writes('EVENT# LEDGER'),
      writes('STATS# signups.youth_education'),
      writes('STATS# children.youth_education'),
      writes('STATS# LAST'),
      writes('STATS# distinct#'),
    ]).toEqual([1, 2, 2, 60, 2]);

    // Lambda delivers again from the 51st record, with 10 new ones after: the 10 already counted are found, one by one.
    expect((await withClient(client, () => countSignupRecords(records.slice(50)))).batchItemFailures).toEqual(
      [],
    );
    after = await today();
    expect([delta(after, 'signups.youth_education'), delta(after, 'children.youth_education')]).toEqual([
      70, 140,
    ]);
    expect(after.participants - before.participants).toBe(70);
    client.destroy();
  });

  it('one person signed up twice in a batch is one participant; a sign-up cancelled in the same batch leaves its children out', async () => {
    n++;
    const { event, parent } = await youthWithParent('twice_parent');
    const person = `figures_${n}_twice`;
    const [first] = await newSignupRecords(event.id, parent.userId, [person]);
    const second = await activationImage(event.id, parent.userId, {
      userId: person,
      sk: `SIGNUP#${person}`,
      attempt: `${person}-second`,
      status: 'waitlisted',
    });
    const cancelled = await activationImage(event.id, parent.userId, {
      userId: person,
      sk: `SIGNUP#${person}`,
      attempt: `${person}-second`,
      status: 'cancelled',
    });
    const records: SignupStreamRecord[] = [
      first,
      { dynamodb: { NewImage: second, SequenceNumber: '2' } },
      { dynamodb: { OldImage: second, NewImage: cancelled, SequenceNumber: '3' } },
    ];
    const before = await today();
    const client = createDocumentClient();
    const sent = commandsOf(client);
    for (let delivery = 0; delivery < 2; delivery++) {
      expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
      const after = await today();
      const delta = (metric: string) => (after.counters[metric] ?? 0) - (before.counters[metric] ?? 0);
      // Two sign-ups, one person; the cancelled one's two children taken back, the first's two kept.
      expect([delta('signups.youth_education'), delta('children.youth_education')]).toEqual([2, 2]);
      expect(after.participants - before.participants).toBe(1);
      // Their one day moved once (the first delivery); the second delivery finds it there (a refused move, a read).
      expect(sent.filter((k) => k === 'STATS# LAST')).toHaveLength(delivery === 0 ? 1 : 3);
    }
    client.destroy();
  });
  it('a person already counted that day is added alone, and the new people of the batch still in one write', async () => {
    n++;
    const { event, holder } = await activityWithHolder('already_holder');
    const people = Array.from({ length: 10 }, (_, i) => `figures_${n}_new_${i}`);
    const records = await newSignupRecords(event.id, holder.userId, people);
    // The holder again, another activation the same day (another event, say): the same person, already on the day.
    records.push({
      dynamodb: { NewImage: await activationImage(event.id, holder.userId), SequenceNumber: '11' },
    });
    const before = await today();
    const client = createDocumentClient();
    const sent = commandsOf(client);
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    const after = await today();
    expect(after.participants - before.participants).toBe(10);
    // The ten in one write; the holder alone (refused: already there).
    expect(sent.filter((s) => s === 'STATS# distinct#')).toHaveLength(2);
    client.destroy();
  });

  it('each person lands in the gap bucket of their previous active day', async () => {
    n++;
    const { event, holder } = await activityWithHolder('gaps_holder');
    const back = [`figures_${n}_back_0`, `figures_${n}_back_1`];
    for (const person of back) await countDistinct('participants', person, Date.now() - 3 * 86400000);
    const records = await newSignupRecords(event.id, holder.userId, [...back, `figures_${n}_first`]);
    const buckets = async () => (await readDay(districtDate())).distinct.participants ?? {};
    const before = await buckets();
    const client = createDocumentClient();
    const sent = commandsOf(client);
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    // Three people in two gap buckets, one write.
    expect(sent.filter((k) => k === 'STATS# distinct#')).toHaveLength(1);
    const after = await buckets();
    const delta = (g: string) => (after[g] ?? 0) - (before[g] ?? 0);
    expect([delta('g3'), delta('g93')]).toEqual([2, 1]);
    expect(
      Object.keys(after)
        .filter((g) => delta(g) !== 0)
        .sort(),
    ).toEqual(['g3', 'g93']);
    client.destroy();
  });

  it("a crash between a person's two days in one batch loses neither day when the batch is delivered again", async () => {
    n++;
    const { event, holder } = await activityWithHolder('two_days_holder');
    const person = `figures_${n}_two_days`;
    const yesterdayAt = new Date(Date.now() - 86400000).toISOString();
    const image = (attempt: string, createdAt?: string) =>
      activationImage(event.id, holder.userId, {
        userId: person,
        sk: `SIGNUP#${person}`,
        attempt: `${person}-${attempt}`,
        ...(createdAt ? { createdAt } : {}),
      });
    const records: SignupStreamRecord[] = [
      { dynamodb: { NewImage: await image('yesterday', yesterdayAt), SequenceNumber: '1' } },
      { dynamodb: { NewImage: await image('today'), SequenceNumber: '2' } },
    ];
    const yesterday = addDays(districtDate(), -1);
    const people = async (day: string) =>
      Object.values((await readDay(day)).distinct.participants ?? {}).reduce((a, b) => a + b, 0);
    const before = [await people(yesterday), await people(districtDate())];
    const client = createDocumentClient();
    // The function dies after moving the person's last-seen day, before adding them to it.
    armFailpoint('metrics.distinct.batchAfterLastSeen');
    await expect(withClient(client, () => countSignupRecords(records))).rejects.toThrow(/injected crash/);
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    const after = [await people(yesterday), await people(districtDate())];
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([1, 1]);
    client.destroy();
  });
  it('a cancel whose sign-up the stream never saw counts nothing', async () => {
    n++;
    const { event, holder } = await activityWithHolder('unseen_holder');
    const person = `figures_${n}_unseen`;
    const image = (status: string) =>
      activationImage(event.id, holder.userId, {
        userId: person,
        sk: `SIGNUP#${person}`,
        attempt: `${person}-unseen`,
        status,
      });
    const before = await today();
    const client = createDocumentClient();
    const records: SignupStreamRecord[] = [
      {
        dynamodb: {
          OldImage: await image('confirmed'),
          NewImage: await image('cancelled'),
          SequenceNumber: '1',
        },
      },
    ];
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    const after = await today();
    expect(after.counters['signups.activity']).toBe(before.counters['signups.activity']);
    expect(after.participants).toBe(before.participants);
    client.destroy();
  });

  it('changes of a cancelled signup (its details erased, the item removed) and the removal of an active one count nothing and fail nothing', async () => {
    n++;
    const { event, holder } = await activityWithHolder('cancelled_holder');
    const person = `figures_${n}_cancelled`;
    const image = (changes: Record<string, unknown>) =>
      activationImage(event.id, holder.userId, {
        userId: person,
        sk: `SIGNUP#${person}`,
        attempt: `${person}-cancelled`,
        status: 'cancelled',
        ...changes,
      });
    const before = await today();
    const client = createDocumentClient();
    const records: SignupStreamRecord[] = [
      // An account closing erases a cancelled signup's contact name; the retention job removes the item.
      {
        dynamodb: {
          OldImage: await image({ contactName: '王小明' }),
          NewImage: await image({ contactName: null }),
          SequenceNumber: '1',
        },
      },
      { dynamodb: { OldImage: await image({}), SequenceNumber: '2' } },
      // An active signup's item removed (a test's clean-up, a hand repair): not a cancel.
      { dynamodb: { OldImage: await image({ status: 'confirmed' }), SequenceNumber: '3' } },
    ];
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    const after = await today();
    expect(after.counters).toEqual(before.counters);
    expect(after.participants).toBe(before.participants);
    client.destroy();
  });

  it('youth sign-ups of two days in one batch count their children and sign-ups on each day', async () => {
    n++;
    const { event, parent } = await youthWithParent('two_days_parent');
    await app.streamsSettled();
    const yesterdayAt = new Date(Date.now() - 86400000).toISOString();
    const records: SignupStreamRecord[] = [];
    for (const [i, createdAt] of [yesterdayAt, undefined, yesterdayAt].entries()) {
      const person = `figures_${n}_day_${i}`;
      records.push({
        dynamodb: {
          NewImage: await activationImage(event.id, parent.userId, {
            userId: person,
            sk: `SIGNUP#${person}`,
            attempt: `${person}-attempt`,
            ...(createdAt ? { createdAt } : {}),
          }),
          SequenceNumber: `${i + 1}`,
        },
      });
    }
    const yesterday = addDays(districtDate(), -1);
    const counters = async (day: string) => (await readDay(day)).counters;
    const before = [await counters(yesterday), await counters(districtDate())];
    const client = createDocumentClient();
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    const after = [await counters(yesterday), await counters(districtDate())];
    const delta = (d: 0 | 1, metric: string) => (after[d][metric] ?? 0) - (before[d][metric] ?? 0);
    expect([delta(0, 'signups.youth_education'), delta(0, 'children.youth_education')]).toEqual([2, 4]);
    expect([delta(1, 'signups.youth_education'), delta(1, 'children.youth_education')]).toEqual([1, 2]);
    client.destroy();
  });

  it('a record whose time cannot be read is counted nowhere and stops nothing', async () => {
    n++;
    const { event, holder } = await activityWithHolder('no_day_holder');
    const [bad, good] = await newSignupRecords(event.id, holder.userId, [
      `figures_${n}_bad`,
      `figures_${n}_good`,
    ]);
    bad.dynamodb!.NewImage!.createdAt = { S: 'not a time' };
    const before = await today();
    const client = createDocumentClient();
    expect((await withClient(client, () => countSignupRecords([bad, good]))).batchItemFailures).toEqual([]);
    const after = await today();
    expect((after.counters['signups.activity'] ?? 0) - (before.counters['signups.activity'] ?? 0)).toBe(1);
    expect(after.participants - before.participants).toBe(1);
    client.destroy();
  });

  it('a write for many that fails (a throttle) is done again one by one, each counted once', async () => {
    n++;
    const { event, holder } = await activityWithHolder('throttled_holder');
    const records = await newSignupRecords(
      event.id,
      holder.userId,
      Array.from({ length: 4 }, (_, i) => `figures_${n}_throttled_${i}`),
    );
    const before = await today();
    const client = createDocumentClient();
    // The first write for several subjects (`:s1`) and for several people (`:p1`) is throttled.
    const throttled = new Set<string>();
    client.middlewareStack.add(
      (next) => async (args) => {
        const values = (args.input as { ExpressionAttributeValues?: Record<string, unknown> })
          .ExpressionAttributeValues;
        for (const many of [':s1', ':p1'])
          if (values && many in values && !throttled.has(many)) {
            throttled.add(many);
            throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
          }
        return next(args);
      },
      { step: 'initialize', name: 'throttleFirstWriteForMany' },
    );
    expect((await withClient(client, () => countSignupRecords(records))).batchItemFailures).toEqual([]);
    expect([...throttled].sort()).toEqual([':p1', ':s1']);
    const after = await today();
    expect((after.counters['signups.activity'] ?? 0) - (before.counters['signups.activity'] ?? 0)).toBe(4);
    expect(after.participants - before.participants).toBe(4);
    client.destroy();
  });
});

describe('countOnceEach', () => {
  it('countDistinctEach refuses a dimension name that is not lower case and underscores', async () => {
    await expect(countDistinctEach('bad-name', [])).rejects.toThrow(/bad dimension name/);
    await expect(countDistinctEach('Visitors', [])).rejects.toThrow(/bad dimension name/);
  });

  it('counts a subject named twice once, with its first amount', async () => {
    const metric = `children.test_${Date.now()}`;
    const at = Date.now();
    expect(
      await countOnceEach(metric, at, [
        { subject: 'a', amount: 2 },
        { subject: 'b', amount: 1 },
        { subject: 'a', amount: 5 },
      ]),
    ).toBe(2);
    expect((await readDay(districtDate(at))).counters[metric]).toBe(3);
  });

  it('counts nothing on a sealed day, at once or one by one', async () => {
    const metric = `signups.test_${Date.now()}`;
    const day = addDays(districtDate(), -40);
    const at = Date.parse(`${day}T04:00:00Z`);
    expect(await countOnceEach(metric, at, [{ subject: 'first', amount: 1 }])).toBe(1);
    await sealDays(day, day);
    expect(
      await countOnceEach(metric, at, [
        { subject: 'x', amount: 1 },
        { subject: 'y', amount: 1 },
      ]),
    ).toBe(0);
    expect((await readDay(day)).counters[metric]).toBe(1);
  });
});
