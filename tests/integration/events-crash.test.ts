// Crash at every write boundary of sign-up, cancellation and promotion (failpoints in the flow stand for the
// process dying there), then check the seat invariant, run the reconciliation, and check the repair.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { eventKey } from '../../functions/events/model';
import { reconcileAllEvents, reconcileEvent } from '../../functions/events/reconcileService';
import { handler as reconcileJob } from '../../functions/events/handlers/reconcileEvents';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { scheduledFunctions } from '../../infra/local/serverlessConfig';
import { startTestApp, type TestApp } from '../support/app';
import { audit, createEvent, expectExact, expectNeverOversold } from './events.support';

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('crash_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const signUp = (eventId: string, token: string, body: unknown = { subscribe: true }) =>
  app.request('POST', `/v1/events/${eventId}/signups`, { token, body });
const cancel = (eventId: string, token: string) =>
  app.request('DELETE', `/v1/events/${eventId}/signups/me`, { token });
const statusOf = async (eventId: string, token: string) =>
  (await app.request('GET', `/v1/events/${eventId}`, { token })).body.mySignup?.status ?? null;

async function outboxFor(eventId: string): Promise<Record<string, unknown>[]> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byQueue',
      KeyConditionExpression: 'queuePk = :q',
      ExpressionAttributeValues: { ':q': 'OUTBOX' },
    }),
  );
  return (page.Items ?? []).filter((i) => i.eventId === eventId);
}

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

async function crashes(request: Promise<unknown>, point: string) {
  await expect(request).rejects.toThrow(`injected crash at ${point}`);
}

async function repair(eventId: string) {
  const report = await reconcileEvent(eventId, { staleAfterMs: 0 });
  return { report: report!, after: await expectExact(eventId) };
}

describe.each([
  'events.join.afterSeatsTaken',
  'events.join.afterSignupWritten',
  'events.join.afterReminderQueued',
])('crash in a confirmed sign-up at %s', (point) => {
  it('never oversells; the repair finishes the sign-up exactly once', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const user = await app.login(`joiner_${n}`);
    armFailpoint(point);
    await crashes(signUp(event.id, user.token), point);
    const during = await expectNeverOversold(event.id);
    expect(during.intents).toBe(1);
    expect(during.event.seatsTaken).toBe(1);
    const { report, after } = await repair(event.id);
    expect(report.intentsSettled).toBe(1);
    expect(after.event.seatsTaken).toBe(1);
    expect(await statusOf(event.id, user.token)).toBe('confirmed');
    expect(await outboxFor(event.id)).toHaveLength(1);
    // A retry now is refused as a duplicate, and a second repair changes nothing.
    expect((await signUp(event.id, user.token)).body.error.code).toBe('ALREADY_SIGNED_UP');
    expect((await reconcileEvent(event.id, { staleAfterMs: 0 }))!.intentsSettled).toBe(0);
    await expectExact(event.id);
  });
});

describe.each(['events.join.afterWaitlistPlace', 'events.join.afterWaitlisted'])(
  'crash in a waitlisted sign-up at %s',
  (point) => {
    it('takes no seat; the recount fixes the waiting-list count', async () => {
      const { event } = await fullWithWaiter();
      const late = await app.login(`late_${n}`);
      armFailpoint(point);
      await crashes(signUp(event.id, late.token), point);
      await expectNeverOversold(event.id);
      const { after } = await repair(event.id);
      expect(after.event.seatsTaken).toBe(1);
      const expected = point === 'events.join.afterWaitlisted' ? 'waitlisted' : null;
      expect(await statusOf(event.id, late.token)).toBe(expected);
      expect(after.event.waitlistCount).toBe(expected ? 2 : 1);
    });
  },
);

describe.each([
  'events.cancel.afterIntent',
  'events.cancel.afterSignupCancelled',
  'events.cancel.afterSeatsReleased',
])('crash in a cancellation at %s', (point) => {
  it('never gives the seat twice; the repair finishes the cancel and promotes the waiting household', async () => {
    const { event, holder, waiter } = await fullWithWaiter();
    armFailpoint(point);
    await crashes(cancel(event.id, holder.token), point);
    const during = await expectNeverOversold(event.id);
    expect(during.event.seatsTaken).toBe(point === 'events.cancel.afterSeatsReleased' ? 0 : 1);
    const { after } = await repair(event.id);
    expect(await statusOf(event.id, holder.token)).toBe('cancelled');
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    expect(after.event.seatsTaken).toBe(1);
    expect(after.waitlisted).toHaveLength(0);
  });
});

it('crash after leaving the waiting list: the repair recounts the waiting list', async () => {
  const { event, waiter } = await fullWithWaiter();
  armFailpoint('events.cancel.afterWaitlistLeft');
  await crashes(cancel(event.id, waiter.token), 'events.cancel.afterWaitlistLeft');
  expect((await audit(event.id)).event.waitlistCount).toBe(1);
  const { report, after } = await repair(event.id);
  expect(report.recounted).toBe(true);
  expect(after.event.waitlistCount).toBe(0);
  expect(await statusOf(event.id, waiter.token)).toBe('cancelled');
});

describe.each([
  'events.promote.afterSeatsTaken',
  'events.promote.afterSignupPromoted',
  'events.promote.afterReminderQueued',
])('crash in a promotion at %s', (point) => {
  it('the cancel stands, the seat is held for the household, and the repair completes its promotion once', async () => {
    const { event, holder, waiter } = await fullWithWaiter();
    armFailpoint(point);
    await crashes(cancel(event.id, holder.token), point);
    const during = await expectNeverOversold(event.id);
    expect(during.event.seatsTaken).toBe(1);
    expect(await statusOf(event.id, holder.token)).toBe('cancelled');
    const { after } = await repair(event.id);
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    expect(after.event.seatsTaken).toBe(1);
    expect(after.event.waitlistCount).toBe(0);
    const promotedMessages = (await outboxFor(event.id)).filter((m) => m.kind === 'event_promoted');
    expect(promotedMessages).toHaveLength(1);
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
    // A seat leaked by some past failure: seatsTaken says one more than the signups explain, so the event looks full.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: eventKey(event.id),
        UpdateExpression: 'ADD seatsTaken :one, #rev :one',
        ExpressionAttributeNames: { '#rev': 'rev' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    expect((await signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
    const reports = await reconcileAllEvents({ staleAfterMs: 0 });
    const report = reports.find((r) => r.eventId === event.id)!;
    expect(report.recounted).toBe(true);
    expect(report.promoted).toBe(1);
    expect(report.seatsTaken).toEqual({ before: 2, after: 2 });
    expect(await statusOf(event.id, waiter.token)).toBe('confirmed');
    await expectExact(event.id);
  });

  it('is scheduled every 5 minutes in serverless.yml and runs as a job', async () => {
    const job = scheduledFunctions().find((f) => f.functionName === 'reconcileEvents');
    expect(job).toMatchObject({
      handler: 'functions/events/handlers/reconcileEvents.handler',
      rate: 'rate(5 minutes)',
    });
    const result = await reconcileJob();
    expect(result.events).toBeGreaterThan(0);
  });
});
