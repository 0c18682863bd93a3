// Two finishers of one left-over seat intent at the same time, and a recount racing a cancellation (issue 9, defects
// 1 and 6). Each interleaving is made exact by holding one flow on the store client (events.probe.ts) while the
// others run; the checks read the store, then a full reconciliation must find nothing left to fix.
import { reconcileEvent } from '../../functions/events/reconcileService';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import { createEvent, eventCalls } from './events.support';
import {
  expectSeatsExact,
  heldBeforeFirstWrite,
  heldFlow,
  installStoreProbe,
  isWrite,
  seatFigures,
} from './events.probe';

// Each test drives many requests; the machine may be shared.
jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  installStoreProbe();
  staff = await app.userWithRoles('finisher_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  disarmAllFailpoints();
  jest.restoreAllMocks();
});

const { signUp, cancel, statusOf } = eventCalls(() => app);

/** From now on the clock reads `ms` later (Date.now only): intents recorded before look as old as a dead request's. */
function clockAhead(ms: number) {
  const real = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => real() + ms);
}

/** Nothing left: a full reconciliation settles, recounts and repairs nothing. */
async function expectNothingToFix(eventId: string) {
  const report = (await reconcileEvent(eventId, { staleAfterMs: 0 }))!;
  expect({
    intentsSettled: report.intentsSettled,
    recounted: report.recounted,
    promoted: report.promoted,
  }).toEqual({
    intentsSettled: 0,
    recounted: false,
    promoted: 0,
  });
}

describe('defect 1: a cancelled signup never comes back confirmed', () => {
  // The crash leaves an intent; finisher B reads it and is held before it writes; finisher A finishes it; the user
  // cancels and a newcomer takes the only seat; then B goes on with what it read.
  const cases = [
    {
      name: 'two reconciler runs at once (crash after the signup was written)',
      crashAt: 'events.join.afterSignupWritten',
      finisherA: async (eventId: string) => void (await reconcileEvent(eventId, { staleAfterMs: 0 })),
    },
    {
      name: 'the user’s retry and a reconciler run at once (crash after the seat was taken)',
      crashAt: 'events.join.afterSeatsTaken',
      finisherA: async (eventId: string, token: string) => {
        clockAhead(3 * 60 * 1000); // the retry comes once the intent is stale, as after a real crash
        await signUp(eventId, token);
      },
    },
  ];

  it.each(cases)('$name', async ({ crashAt, finisherA }) => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const user = await app.login(`twice_${n}`);
    const newcomer = await app.login(`newcomer_${n}`);
    armFailpoint(crashAt);
    await expect(signUp(event.id, user.token)).rejects.toThrow(`injected crash at ${crashAt}`);
    expect((await seatFigures(event.id)).intents).toBe(1);

    const finisherB = heldBeforeFirstWrite(() => reconcileEvent(event.id, { staleAfterMs: 0 }));
    await finisherB.reached;
    await finisherA(event.id, user.token);
    if ((await statusOf(event.id, user.token)) === 'confirmed') {
      expect((await cancel(event.id, user.token)).status).toBe(200);
    }
    expect((await signUp(event.id, newcomer.token)).body.signup.status).toBe('confirmed');
    finisherB.release();
    await finisherB.done;

    expect(await statusOf(event.id, user.token)).not.toBe('confirmed');
    const after = await expectSeatsExact(event.id);
    expect(after.confirmed).toEqual([newcomer.userId]);
    expect(after.seatsTaken).toBe(1);
    await expectNothingToFix(event.id);
  });

  it('a recount never raises the seats taken above the capacity: it refuses, reports it, and leaves it for staff', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const [a, b] = [await app.login(`over_a_${n}`), await app.login(`over_b_${n}`)];
    expect((await signUp(event.id, a.token)).body.signup.status).toBe('confirmed');
    expect((await signUp(event.id, b.token)).body.signup.status).toBe('waitlisted');
    // Whatever the past fault, two households now hold confirmed signups for one seat.
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db, tableName } = await import('../../functions/lib/db');
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `EVENT#${event.id}`, sk: `SIGNUP#${b.userId}` },
        UpdateExpression: 'SET #status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed' },
      }),
    );
    const before = await seatFigures(event.id);
    const report = (await reconcileEvent(event.id, { staleAfterMs: 0 }))!;
    expect(report).toMatchObject({ oversold: true, recounted: false });
    const after = await seatFigures(event.id);
    expect(after.seatsTaken).toBe(before.seatsTaken);
    expect(after.seatsTaken).toBeLessThanOrEqual(after.capacity);
  });
});

describe('defect 6: a waitlisted cancel racing the recount', () => {
  it('leaves the waiting-list count exact', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const holder = await app.login(`race_holder_${n}`);
    const waiter = await app.login(`race_waiter_${n}`);
    await signUp(event.id, holder.token);
    expect((await signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
    // The cancel is held after its signup is written, just before it next writes the seat counters' item.
    const seatItem = (sk: string) => sk === 'META' || sk === 'LEDGER';
    const leaving = heldFlow(
      () => cancel(event.id, waiter.token),
      (next, done) =>
        isWrite(next) && seatItem(next.sk) && done.some((o) => isWrite(o) && o.sk.startsWith('SIGNUP#')),
    );
    await leaving.reached;
    await reconcileEvent(event.id); // a scheduled run: only dead requests' intents are its to settle
    leaving.release();
    expect((await leaving.done).status).toBe(200);
    const after = await expectSeatsExact(event.id);
    expect(after.waitlistCount).toBe(0);
    await expectNothingToFix(event.id);
  });
});
