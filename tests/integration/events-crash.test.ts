// Crash at every write boundary of the seat steps (functions/events/seatSteps.ts; a failpoint stands for the process
// dying there). Each repair step is then run on its own — two finishers of the left-over intent at once — and the
// state is checked right after it, before any recount; then a full reconciliation must find nothing left to fix.
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as reconcileJob } from '../../functions/events/handlers/reconcileEvents';
import { ledgerKey } from '../../functions/events/model';
import { promotionService } from '../../functions/events/promotionService';
import {
  reconcileAllEvents,
  reconcileEvent,
  reconcileService,
} from '../../functions/events/reconcileService';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { functionsConfig, scheduledFunctions } from '../../infra/local/serverlessConfig';
import { startTestApp, type TestApp } from '../support/app';
import { audit, createEvent, eventCalls, expectExact, expectNeverOversold } from './events.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  staff = await app.userWithRoles('crash_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const calls = eventCalls(() => app);
const { cancel, statusOf } = calls;
const signUp = (eventId: string, token: string) => calls.signUp(eventId, token, { subscribe: true });

/** A one-seat event that is full (holder) with one household waiting (waiter). */
async function fullWithWaiter() {
  n++;
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const holder = await app.login(`holder_${n}`);
  const waiter = await app.login(`waiter_${n}`);
  expect((await signUp(event.id, holder.token)).body.signup.status).toBe('confirmed');
  expect((await signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
  return { event, holder, waiter };
}

/** The reminder outbox items of one event (read from the table itself, not from the lagging index). */
async function outboxFor(eventId: string): Promise<Record<string, unknown>[]> {
  const { Items } = await db().send(
    new ScanCommand({
      TableName: tableName(),
      FilterExpression: 'begins_with(pk, :outbox) AND eventId = :e',
      ExpressionAttributeValues: { ':outbox': 'OUTBOX#', ':e': eventId },
    }),
  );
  return Items ?? [];
}

async function crashes(request: Promise<unknown>, point: string) {
  await expect(request).rejects.toThrow(`injected crash at ${point}`);
}

/** The finishers' step: two reconciler runs settling the dead request's intents at the same time. */
async function settleTwiceAtOnce(eventId: string): Promise<number> {
  const runs = [0, 1].map(() => reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 }));
  return Math.max(...(await Promise.all(runs)));
}

/** After the repairs, a full reconciliation finds nothing: no intent, no recount, no entry, no promotion. */
async function expectNothingToFix(eventId: string) {
  const report = (await reconcileEvent(eventId, { staleAfterMs: 0 }))!;
  expect(report).toMatchObject({
    intentsSettled: 0,
    recounted: false,
    entriesRepaired: 0,
    oversold: false,
    promoted: 0,
  });
}

describe.each([
  ['events.join.afterSeatsTaken', null, 0],
  ['events.join.afterSignupWritten', 'confirmed', 1],
  ['events.join.afterReminderQueued', 'confirmed', 1],
])('crash in a confirmed sign-up at %s', (point, repaired, seats) => {
  it('never oversells; the finishers finish it from the signup written, or give the seat back', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const user = await app.login(`joiner_${n}`);
    armFailpoint(point);
    await crashes(signUp(event.id, user.token), point);
    const during = await expectNeverOversold(event.id);
    expect([during.intents, during.event.seatsTaken]).toEqual([1, 1]);
    expect(await settleTwiceAtOnce(event.id)).toBe(1);
    const after = await expectExact(event.id);
    expect(after.event.seatsTaken).toBe(seats);
    expect(await statusOf(event.id, user.token)).toBe(repaired);
    expect(await outboxFor(event.id)).toHaveLength(seats);
    await expectNothingToFix(event.id);
    // The user can sign up (again): one seat, one signup.
    const again = await signUp(event.id, user.token);
    expect(again.body.signup?.status ?? again.body.error.code).toBe(
      repaired ? 'ALREADY_SIGNED_UP' : 'confirmed',
    );
    expect((await expectExact(event.id)).event.seatsTaken).toBe(1);
  });
});

describe.each([
  ['events.join.afterWaitlistPlace', null, { count: 2, entries: 1 }],
  ['events.join.afterWaitlisted', 'waitlisted', { count: 2, entries: 1 }],
  ['events.join.afterQueueEntry', 'waitlisted', { count: 2, entries: 2 }],
])('crash in a waitlisted sign-up at %s', (point, status, during) => {
  it('takes no seat and errs on the safe side; the recount (its repair) leaves list and counters exact', async () => {
    const { event } = await fullWithWaiter();
    const late = await app.login(`late_${n}`);
    armFailpoint(point);
    await crashes(signUp(event.id, late.token), point);
    const before = await expectNeverOversold(event.id);
    // The count is never below the truth (a newcomer would otherwise jump the list), and no seat moved.
    expect({ count: before.event.waitlistCount, entries: before.entries.length }).toEqual(during);
    expect(before.event.seatsTaken).toBe(1);
    await reconcileService.recount(event.id, { staleAfterMs: 0 });
    const after = await expectExact(event.id);
    expect(after.event.waitlistCount).toBe(status ? 2 : 1);
    expect(await statusOf(event.id, late.token)).toBe(status);
    await expectNothingToFix(event.id);
  });
});

describe.each([
  'events.cancel.afterIntent',
  'events.cancel.afterSignupCancelled',
  'events.cancel.afterSeatsReleased',
])('crash in a cancellation at %s', (point) => {
  it('never gives the seat twice; the finishers release it once, then the promotion gives it to the waiter', async () => {
    const { event, holder, waiter } = await fullWithWaiter();
    armFailpoint(point);
    await crashes(cancel(event.id, holder.token), point);
    const during = await expectNeverOversold(event.id);
    expect(during.event.seatsTaken).toBe(point === 'events.cancel.afterSeatsReleased' ? 0 : 1);
    // After the release no intent is left: the promotion below is the whole repair.
    expect(await settleTwiceAtOnce(event.id)).toBe(point === 'events.cancel.afterSeatsReleased' ? 0 : 1);
    const released = await expectExact(event.id);
    expect([released.event.seatsTaken, released.waitlisted.length]).toEqual([0, 1]);
    expect(await statusOf(event.id, holder.token)).toBe('cancelled');
    await Promise.all([0, 1].map(() => promotionService.promoteWaitlisted(event.id)));
    const after = await expectExact(event.id);
    expect([after.event.seatsTaken, after.waitlisted.length]).toEqual([1, 0]);
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    await expectNothingToFix(event.id);
  });
});

describe.each([
  'events.leave.afterIntent',
  'events.leave.afterSignupCancelled',
  'events.leave.afterQueueEntryRemoved',
])('crash while leaving the waiting list at %s', (point) => {
  it('the count never drops below the truth; the finishers complete the leave once', async () => {
    const { event, waiter } = await fullWithWaiter();
    armFailpoint(point);
    await crashes(cancel(event.id, waiter.token), point);
    const during = await expectNeverOversold(event.id);
    expect([during.intents, during.event.waitlistCount]).toEqual([1, 1]);
    expect(await settleTwiceAtOnce(event.id)).toBe(1);
    const after = await expectExact(event.id);
    expect([after.event.seatsTaken, after.event.waitlistCount, after.entries.length]).toEqual([1, 0, 0]);
    expect(await statusOf(event.id, waiter.token)).toBe('cancelled');
    await expectNothingToFix(event.id);
  });
});

describe.each([
  ['events.promote.afterSeatsTaken', 'waitlisted'],
  ['events.promote.afterSignupPromoted', 'confirmed'],
  ['events.promote.afterQueueEntryRemoved', 'confirmed'],
  ['events.promote.afterReminderQueued', 'confirmed'],
])('crash in a promotion at %s', (point, finished) => {
  it('the cancel stands, the seat is never given twice, and the household is promoted exactly once', async () => {
    const { event, holder, waiter } = await fullWithWaiter();
    armFailpoint(point);
    await crashes(cancel(event.id, holder.token), point);
    const during = await expectNeverOversold(event.id);
    expect([during.event.seatsTaken, during.intents]).toEqual([1, 1]);
    expect(await statusOf(event.id, holder.token)).toBe('cancelled');
    // The finishers complete a promotion the signup shows, or give the seat back for the next promotion in order.
    expect(await settleTwiceAtOnce(event.id)).toBe(1);
    const settled = await expectExact(event.id);
    expect(await statusOf(event.id, waiter.token)).toBe(finished);
    expect(settled.event.seatsTaken).toBe(finished === 'confirmed' ? 1 : 0);
    await promotionService.promoteWaitlisted(event.id);
    const after = await expectExact(event.id);
    expect([after.event.seatsTaken, after.event.waitlistCount]).toEqual([1, 0]);
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    expect((await outboxFor(event.id)).filter((m) => m.kind === 'event_promoted')).toHaveLength(1);
    await expectNothingToFix(event.id);
  });
});

describe('crash in a staff action or a promotion that gives its seat back', () => {
  it('at events.create.afterLedgerWritten: no event half-made is shown; creating again works', async () => {
    await app.indexesSettled();
    const listed = async () => (await app.request('GET', '/v1/events?limit=100')).body.items.length;
    const before = await listed();
    armFailpoint('events.create.afterLedgerWritten');
    await crashes(createEvent(app, staff.token), 'events.create.afterLedgerWritten');
    await app.indexesSettled();
    expect(await listed()).toBe(before);
    await createEvent(app, staff.token);
    await app.indexesSettled();
    expect(await listed()).toBe(before + 1);
  });

  it.each([
    ['events.edit.afterLedgerWritten', '刘公岛行走的党课'],
    ['events.edit.afterEventWritten', '改期后的党课'],
  ])(
    'at %s: newcomers wait behind the list, the waiting household gets the seat, the start is aligned',
    async (point, title) => {
      const { event, waiter } = await fullWithWaiter();
      const later = new Date(Date.now() + 5 * 86400000).toISOString();
      armFailpoint(point);
      await crashes(
        app.request('PATCH', `/v1/events/${event.id}`, {
          token: staff.token,
          body: {
            capacity: 2,
            title: '改期后的党课',
            startsAt: later,
            endsAt: new Date(Date.parse(later) + 3600000).toISOString(),
          },
        }),
        point,
      );
      const newcomer = await app.login(`edit_new_${n}`);
      expect((await signUp(event.id, newcomer.token)).body.signup.status).toBe('waitlisted');
      // (The newcomer's own sign-up promoted the waiting household into the free seat, as its step 4 does.)
      const report = (await reconcileEvent(event.id, { staleAfterMs: 0 }))!;
      expect(report).toMatchObject({ scheduleSynced: point === 'events.edit.afterLedgerWritten' });
      const shown = (await app.request('GET', `/v1/events/${event.id}`, { token: waiter.token })).body;
      expect(shown.mySignup.status).toBe('confirmed');
      expect(shown.event).toMatchObject({ title, capacity: 2, seatsTaken: 2, waitlistCount: 1 });
      expect((await audit(event.id)).ledger.startsAt).toBe(shown.event.startsAt);
      await expectExact(event.id);
      await expectNothingToFix(event.id);
    },
  );

  it('at events.promote.afterSeatsReturned: the seat is back, and the next promotion drops the dead entry', async () => {
    const { event, holder, waiter } = await fullWithWaiter();
    // An entry whose household no longer waits there (as a crash between a signup's change and its entry's can leave).
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: `EVENT#${event.id}`,
          sk: 'WAIT#0000000000',
          type: 'waitEntry',
          seq: 0,
          userId: holder.userId,
          seats: 1,
        },
      }),
    );
    armFailpoint('events.promote.afterSeatsReturned');
    await crashes(cancel(event.id, holder.token), 'events.promote.afterSeatsReturned');
    const during = await expectNeverOversold(event.id);
    expect([during.event.seatsTaken, during.intents, during.entries.length]).toEqual([0, 0, 2]);
    await promotionService.promoteWaitlisted(event.id);
    const after = await expectExact(event.id);
    expect([after.event.seatsTaken, after.entries.length]).toEqual([1, 0]);
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    await expectNothingToFix(event.id);
  });
});

describe('reconciliation', () => {
  it('leaves a fresh intent alone (its request may still be running) and settles it once stale', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const user = await app.login(`fresh_${n}`);
    armFailpoint('events.join.afterSeatsTaken');
    await crashes(signUp(event.id, user.token), 'events.join.afterSeatsTaken');
    expect((await reconcileEvent(event.id))!.intentsSettled).toBe(0);
    expect((await audit(event.id)).intents).toBe(1);
    // While the intent is fresh, a retry by the same user is told it is in progress, and takes no second seat.
    const retry = await signUp(event.id, user.token);
    expect(retry.body.error.code).toBe('ALREADY_SIGNED_UP');
    const later = await reconcileEvent(event.id, { now: Date.now() + 3 * 60 * 1000 });
    expect(later!.intentsSettled).toBe(1);
    await expectExact(event.id);
  });

  it('returns leaked seats to the event and gives them to the waiting list', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const holder = await app.login(`leak_holder_${n}`);
    const waiter = await app.login(`leak_waiter_${n}`);
    await signUp(event.id, holder.token);
    // A seat leaked by some past failure: one seat fewer free than the signups explain, so the event looks full.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: ledgerKey(event.id),
        UpdateExpression: 'ADD seatsFree :minus, #rev :one',
        ExpressionAttributeNames: { '#rev': 'rev' },
        ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
      }),
    );
    expect((await signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
    await app.indexesSettled(); // the working set is a listing (an index)
    const reports = await reconcileAllEvents({ staleAfterMs: 0 });
    const report = reports.find((r) => r.eventId === event.id)!;
    expect(report).toMatchObject({ recounted: true, promoted: 1, seatsTaken: { before: 2, after: 2 } });
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    await expectExact(event.id);
    await expectNothingToFix(event.id);
  });

  it('is scheduled every 5 minutes in serverless.yml, one run at a time, and runs as a job', async () => {
    const job = scheduledFunctions().find((f) => f.functionName === 'reconcileEvents');
    expect(job).toMatchObject({
      handler: 'functions/events/handlers/reconcileEvents.handler',
      rate: 'rate(5 minutes)',
    });
    expect(functionsConfig().reconcileEvents).toMatchObject({ reservedConcurrency: 1 });
    await app.indexesSettled();
    const result = await reconcileJob();
    expect(result.events).toBeGreaterThan(0);
  });
});
