// The seat steps' and the promotion's less travelled paths, each checked where a wrong change would show: a step the
// ledger refuses, a signup that changed between the read and the write, a left-over intent whose signup has moved
// on, dead waiting-list entries, another user's change in flight while seats are handed out, two finishers of one
// cancel, a promotion that has nothing to do, and the recount's quiet times, log lines and report. Each test is named
// after the defect it would catch (docs/QUALITY.md, mutation testing of functions/events/seatSteps.ts,
// promotionService.ts and reconcileService.ts). The state is read straight from the store and checked right after
// the step or repair under test, before any recount; then a full reconciliation must find nothing left to fix.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ledgerStore } from '../../functions/events/ledgerStore';
import { promotionService } from '../../functions/events/promotionService';
import {
  reconcileAllEvents,
  reconcileEvent,
  reconcileService,
  repairedAnything,
  type ReconcileReport,
} from '../../functions/events/reconcileService';
import { promoteEntry, withdraw } from '../../functions/events/seatSteps';
import { signupStore } from '../../functions/events/signupStore';
import { waitlistStore } from '../../functions/events/waitlistStore';
import { isStale, parseIntent, recordedBy, STALE_INTENT_MS } from '../../functions/events/seatIntent';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { logger } from '../../functions/lib/logger';
import { startTestApp, type TestApp } from '../support/app';
import { audit, createEvent, eventCalls, expectExact } from './events.support';
import { counted, heldBeforeFirstWrite, heldFlow, installStoreProbe, isWrite } from './events.probe';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  installStoreProbe();
  staff = await app.userWithRoles('repairs_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  disarmAllFailpoints();
  jest.restoreAllMocks();
});

const { signUp, cancel } = eventCalls(() => app);
type User = { token: string; userId: string };

/** An event of `capacity` seats: the first `holders` users confirmed, the next `waiters` waiting, in that order. */
async function eventWith(capacity: number, holders: number, waiters: number) {
  n++;
  const event = await createEvent(app, staff.token, { capacity });
  const users: User[] = [];
  for (let i = 0; i < holders + waiters; i++) {
    const user = await app.login(`repairs_${n}_${i}`);
    const status = (await signUp(event.id, user.token)).body.signup.status;
    expect(status).toBe(i < holders ? 'confirmed' : 'waitlisted');
    users.push(user);
  }
  return { eventId: event.id, holders: users.slice(0, holders), waiters: users.slice(holders) };
}

/**
 * The event's seat state straight from the store, with users by name: seats taken, the waiting-list count, the
 * intents in flight (user → op letter), the entries (`place:user`) and every signup's status.
 */
async function stateOf(eventId: string, names: Record<string, User>) {
  const a = await audit(eventId);
  const nameOf = (userId: string) => Object.keys(names).find((k) => names[k].userId === userId) ?? userId;
  return {
    seatsTaken: a.event.seatsTaken,
    waitlistCount: a.event.waitlistCount,
    intents: Object.fromEntries(Object.entries(a.ledger.intents).map(([u, tag]) => [nameOf(u), tag[0]])),
    entries: a.entries.map((e) => `${e.seq}:${nameOf(e.userId)}`),
    signups: Object.fromEntries(a.signups.map((s) => [nameOf(s.userId), s.status])),
  };
}

/** A full reconciliation right after the repairs finds nothing to settle, recount, repair or promote. */
async function expectNothingToFix(eventId: string) {
  const { event } = await audit(eventId);
  const report = await reconcileEvent(eventId, { staleAfterMs: 0 });
  expect(report).toEqual({
    eventId,
    intentsSettled: 0,
    seatsTaken: { before: event.seatsTaken, after: event.seatsTaken },
    waitlistCount: { before: event.waitlistCount, after: event.waitlistCount },
    recounted: false,
    entriesRepaired: 0,
    queueBackfilled: 0,
    scheduleSynced: false,
    oversold: false,
    promoted: 0,
  });
}

async function crashes(request: Promise<unknown>, point: string) {
  await expect(request).rejects.toThrow(`injected crash at ${point}`);
}

/** From now on the clock reads `ms` later (Date.now only): intents recorded before look as old as a dead request's. */
function clockAhead(ms: number) {
  const real = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => real() + ms);
}

const signupOf = async (eventId: string, user: User) => (await signupStore.get(eventId, user.userId))!;
const ledgerOf = async (eventId: string) => (await ledgerStore.get(eventId))!;
/** A wrong head of the waiting list (a change the steps would never make), for the recount to put right. */
const setLedgerHead = (eventId: string, head: number) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `EVENT#${eventId}`, sk: 'LEDGER' },
      UpdateExpression: 'SET waitHead = :head',
      ExpressionAttributeValues: { ':head': head },
    }),
  );
/** Another writer's change to the ledger, as its revision shows it. */
const bumpLedgerRevision = (eventId: string) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `EVENT#${eventId}`, sk: 'LEDGER' },
      UpdateExpression: 'ADD rev :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );

describe('a seat step the store refuses changes nothing', () => {
  it('a promotion the ledger refuses (no seat free) confirms nobody: the household keeps waiting', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const [entry] = await waitlistStore.all(eventId);
    await expect(promoteEntry(entry)).resolves.toBe('refused');
    expect(await stateOf(eventId, { holder: holders[0], waiter: waiters[0] })).toEqual({
      seatsTaken: 1,
      waitlistCount: 1,
      intents: {},
      entries: ['1:waiter'],
      signups: { holder: 'confirmed', waiter: 'waitlisted' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a withdrawal while a change of the same user is in flight writes nothing (the signup stays confirmed)', async () => {
    const { eventId, holders } = await eventWith(1, 1, 0);
    const names = { holder: holders[0] };
    armFailpoint('events.cancel.afterIntent');
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterIntent');
    const tag = (await ledgerOf(eventId)).intents[holders[0].userId];
    await expect(withdraw(await ledgerOf(eventId), await signupOf(eventId, holders[0]))).resolves.toBeNull();
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: { holder: 'c' },
      entries: [],
      signups: { holder: 'confirmed' },
    });
    expect((await ledgerOf(eventId)).intents[holders[0].userId]).toBe(tag);
    // The crashed cancel's own finisher completes it, once.
    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 0,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a withdrawal of a waiting signup promoted meanwhile gives nothing back and drops its intent', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const names = { holder: holders[0], waiter: waiters[0] };
    const waitingAsRead = await signupOf(eventId, waiters[0]);
    expect((await cancel(eventId, holders[0].token)).status).toBe(200);
    await expect(withdraw(await ledgerOf(eventId), waitingAsRead)).resolves.toBeNull();
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled', waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('the finisher of a crashed withdrawal whose signup was promoted meanwhile drops the intent, nothing else', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const names = { holder: holders[0], waiter: waiters[0] };
    const waitingAsRead = await signupOf(eventId, waiters[0]);
    expect((await cancel(eventId, holders[0].token)).status).toBe(200);
    armFailpoint('events.leave.afterIntent');
    await crashes(withdraw(await ledgerOf(eventId), waitingAsRead), 'events.leave.afterIntent');
    expect((await stateOf(eventId, names)).intents).toEqual({ waiter: 'l' });
    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled', waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('a stale intent of a user whose signup another step confirmed gives its seats back', () => {
  it('a second tap that died after taking seats, by a user already confirmed by the first, frees them', async () => {
    const { eventId, holders } = await eventWith(3, 1, 0);
    const names = { holder: holders[0] };
    // A minute later: an intent's text names its minute, and one recorded in the same minute as the first tap's
    // would carry the same text (see "Noticed" in docs/QUALITY.md).
    clockAhead(60_000);
    armFailpoint('events.join.afterSeatsTaken');
    await crashes(signUp(eventId, holders[0].token), 'events.join.afterSeatsTaken');
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 2,
      waitlistCount: 0,
      intents: { holder: 'j' },
      entries: [],
      signups: { holder: 'confirmed' },
    });
    // The signup was confirmed by the first tap's intent, not this one: nothing of this join to complete.
    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a promotion from a stale copy of the entry that died after taking a seat, of a household another promoter confirmed, frees it', async () => {
    const { eventId, holders, waiters } = await eventWith(2, 2, 1);
    const names = { h1: holders[0], h2: holders[1], waiter: waiters[0] };
    const [stale] = await waitlistStore.all(eventId);
    expect((await cancel(eventId, holders[0].token)).status).toBe(200); // the waiter is promoted
    expect((await cancel(eventId, holders[1].token)).status).toBe(200); // one seat free, nobody waiting
    clockAhead(60_000); // a minute after the promotion that confirmed the household (as above)
    armFailpoint('events.promote.afterSeatsTaken');
    await expect(promoteEntry(stale)).rejects.toThrow(/injected crash/);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 2,
      waitlistCount: 0,
      intents: { waiter: 'p' },
      entries: [],
      signups: { h1: 'cancelled', h2: 'cancelled', waiter: 'confirmed' },
    });
    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { h1: 'cancelled', h2: 'cancelled', waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('dead waiting-list entries', () => {
  it('entries of a household that left from that place, and of one now waiting further back, are dropped; it is promoted from its own place', async () => {
    // w0 waits at 1 and w1 at 2; both leave; w1 comes back at 3. Their old entries are written back (dead).
    const { eventId, holders, waiters } = await eventWith(1, 1, 2);
    const names = { holder: holders[0], w0: waiters[0], w1: waiters[1] };
    for (const w of waiters) expect((await cancel(eventId, w.token)).status).toBe(200);
    expect((await signUp(eventId, waiters[1].token)).body.signup.status).toBe('waitlisted');
    await waitlistStore.put({ eventId, seq: 1, userId: waiters[0].userId, seats: 1 });
    await waitlistStore.put({ eventId, seq: 2, userId: waiters[1].userId, seats: 1 });
    armFailpoint('events.cancel.afterSeatsReleased'); // a seat free, nobody promoted yet
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterSeatsReleased');
    expect((await stateOf(eventId, names)).entries).toEqual(['1:w0', '2:w1', '3:w1']);

    const promoted = await promotionService.promoteWaitlisted(eventId);
    expect(promoted.map((s) => [s.userId, s.status, s.waitSeq])).toEqual([
      [waiters[1].userId, 'confirmed', 3],
    ]);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled', w0: 'cancelled', w1: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a promotion of an entry with no signup at all that crashed is undone by its finisher; the entry is then dropped', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const ghost = { token: '', userId: `ghost_${n}` };
    const names = { holder: holders[0], waiter: waiters[0], ghost };
    await waitlistStore.put({ eventId, seq: 0, userId: ghost.userId, seats: 1 });
    armFailpoint('events.promote.afterSeatsTaken');
    await crashes(cancel(eventId, holders[0].token), 'events.promote.afterSeatsTaken');
    expect((await stateOf(eventId, names)).intents).toEqual({ ghost: 'p' });

    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 0,
      waitlistCount: 1,
      intents: {},
      entries: ['0:ghost', '1:waiter'],
      signups: { holder: 'cancelled', waiter: 'waitlisted' },
    });
    const promoted = await promotionService.promoteWaitlisted(eventId);
    expect(promoted.map((s) => s.userId)).toEqual([waiters[0].userId]);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled', waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('promotion beside other changes in flight', () => {
  it('a cancel of another user still in flight does not hold the promotion back', async () => {
    const { eventId, holders, waiters } = await eventWith(2, 2, 1);
    const names = { h0: holders[0], h1: holders[1], waiter: waiters[0] };
    armFailpoint('events.cancel.afterIntent');
    await crashes(cancel(eventId, holders[1].token), 'events.cancel.afterIntent'); // its intent is fresh
    expect((await cancel(eventId, holders[0].token)).status).toBe(200);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 2,
      waitlistCount: 0,
      intents: { h1: 'c' },
      entries: [],
      signups: { h0: 'cancelled', h1: 'confirmed', waiter: 'confirmed' },
    });
    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect((await stateOf(eventId, names)).seatsTaken).toBe(1);
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a live promotion holds other promoters back; once stale it does not, and its household is skipped', async () => {
    const { eventId, holders, waiters } = await eventWith(2, 2, 2);
    const names = { h0: holders[0], h1: holders[1], w0: waiters[0], w1: waiters[1] };
    armFailpoint('events.promote.afterSeatsTaken');
    await crashes(cancel(eventId, holders[0].token), 'events.promote.afterSeatsTaken');
    // h1 leaves while w0's promotion looks alive: its promoter steps back (that one would use the seat).
    expect((await cancel(eventId, holders[1].token)).status).toBe(200);
    const held = {
      seatsTaken: 1,
      waitlistCount: 2,
      intents: { w0: 'p' },
      entries: ['1:w0', '2:w1'],
      signups: { h0: 'cancelled', h1: 'cancelled', w0: 'waitlisted', w1: 'waitlisted' },
    };
    expect(await stateOf(eventId, names)).toEqual(held);
    expect(await promotionService.promoteWaitlisted(eventId)).toEqual([]);
    expect(await stateOf(eventId, names)).toEqual(held);

    // Once w0's promotion is stale (its request is dead), the free seat goes to the next household in order.
    clockAhead(3 * 60 * 1000);
    const promoted = await promotionService.promoteWaitlisted(eventId);
    expect(promoted.map((s) => s.userId)).toEqual([waiters[1].userId]);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 2,
      waitlistCount: 1,
      intents: { w0: 'p' },
      entries: ['1:w0'],
      signups: { h0: 'cancelled', h1: 'cancelled', w0: 'waitlisted', w1: 'confirmed' },
    });
    // The finisher gives w0's seat back, and the next promotion gives it to w0.
    expect(await reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 })).toBe(1);
    expect((await promotionService.promoteWaitlisted(eventId)).map((s) => s.userId)).toEqual([
      waiters[0].userId,
    ]);
    expect((await expectExact(eventId)).event.seatsTaken).toBe(2);
    await expectNothingToFix(eventId);
  });

  it('two finishers of one cancel: the one whose cancel of the signup is refused (the other did it) still frees the seat once', async () => {
    const { eventId, holders } = await eventWith(1, 1, 0);
    const names = { holder: holders[0] };
    armFailpoint('events.cancel.afterIntent');
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterIntent');
    const finisher = () => reconcileService.settleStaleIntents(eventId, { staleAfterMs: 0 });
    // B has read the confirmed signup; A cancels it and is held before it settles the ledger.
    const b = heldBeforeFirstWrite(finisher);
    await b.reached;
    const a = heldFlow(
      finisher,
      (next, done) => isWrite(next) && next.sk === 'LEDGER' && done.some((o) => o.sk.startsWith('SIGNUP#')),
    );
    await a.reached;
    expect((await stateOf(eventId, names)).signups).toEqual({ holder: 'cancelled' });
    b.release();
    expect(await b.done).toBe(1);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 0,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled' },
    });
    a.release();
    expect(await a.done).toBe(1);
    expect((await stateOf(eventId, names)).seatsTaken).toBe(0);
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('races the seat steps lose', () => {
  it('a repeated sign-up that finds its seat taken back hands it to the household that joined the list meanwhile', async () => {
    const { eventId, holders } = await eventWith(2, 1, 0);
    const newcomer = await app.login(`repairs_${n}_new`);
    const names = { holder: holders[0], newcomer };
    // The holder's second tap has taken the last seat and is held before it writes its signup (which will be refused).
    const again = heldFlow(
      () => signUp(eventId, holders[0].token),
      (next) => isWrite(next) && next.sk.startsWith('SIGNUP#'),
    );
    await again.reached;
    expect((await signUp(eventId, newcomer.token)).body.signup.status).toBe('waitlisted');
    again.release();
    const reply = await again.done;
    expect([reply.status, reply.body.error.code]).toEqual([409, 'ALREADY_SIGNED_UP']);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 2,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'confirmed', newcomer: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a promoter that lost the seat to another promoter reports no promotion (the reconciler counts them)', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const names = { holder: holders[0], waiter: waiters[0] };
    armFailpoint('events.cancel.afterSeatsReleased'); // a seat free, nobody promoted yet
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterSeatsReleased');
    const late = heldBeforeFirstWrite(() => promotionService.promoteWaitlisted(eventId));
    await late.reached;
    expect((await promotionService.promoteWaitlisted(eventId)).map((s) => s.userId)).toEqual([
      waiters[0].userId,
    ]);
    late.release();
    expect(await late.done).toEqual([]);
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled', waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('a promotion with nothing to do stops at once', () => {
  /** What a promotion returned, and the store operations it sent. */
  const promotionCost = async (run: () => Promise<unknown>) => {
    const { result, ops } = await counted(run);
    return { result, ops: ops.map((o) => `${o.command} ${o.sk}`) };
  };
  const LEDGER_READ_ONLY = { result: [], ops: ['GetItemCommand LEDGER'] };

  it('with no seat free: one read of the ledger, no walk of the list', async () => {
    const { eventId } = await eventWith(1, 1, 1);
    expect(await promotionCost(() => promotionService.promoteWaitlisted(eventId))).toEqual(LEDGER_READ_ONLY);
  });

  it('at the start of the event and on a cancelled event: one read of the ledger, however many wait', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    armFailpoint('events.cancel.afterSeatsReleased'); // a seat free, someone waiting
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterSeatsReleased');
    const startsAt = Date.parse((await ledgerOf(eventId)).startsAt);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(startsAt); // the promotion reads the clock itself
    expect(await promotionCost(() => promotionService.promoteWaitlisted(eventId))).toEqual(LEDGER_READ_ONLY);
    clock.mockRestore();
    expect((await stateOf(eventId, { waiter: waiters[0] })).signups).toMatchObject({ waiter: 'waitlisted' });

    const other = await eventWith(1, 1, 1);
    armFailpoint('events.cancel.afterSeatsReleased');
    await crashes(cancel(other.eventId, other.holders[0].token), 'events.cancel.afterSeatsReleased');
    expect(
      (await app.request('POST', `/v1/events/${other.eventId}/cancel`, { token: staff.token })).status,
    ).toBe(200);
    expect(await promotionCost(() => promotionService.promoteWaitlisted(other.eventId))).toEqual(
      LEDGER_READ_ONLY,
    );

    // Before the start, the open event's seat goes to its waiting household.
    expect((await promotionService.promoteWaitlisted(eventId)).map((s) => s.userId)).toEqual([
      waiters[0].userId,
    ]);
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('the recount and the report (reconcileService)', () => {
  const NOTHING_RECOUNTED = { recounted: false, entriesRepaired: 0, queueBackfilled: 0, oversold: false };

  it('a waiting-list count left one high is lowered only once no place was handed out for STALE_INTENT_MS, and logged', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const late = await app.login(`repairs_${n}_late`);
    const names = { holder: holders[0], waiter: waiters[0], late };
    armFailpoint('events.join.afterWaitlistPlace');
    await crashes(signUp(eventId, late.token), 'events.join.afterWaitlistPlace');
    const placedAt = (await ledgerOf(eventId)).lastWaitlistedAt;
    const warn = jest.spyOn(logger, 'warn');
    // Within the quiet time the place may belong to a join still writing its signup: the count stays.
    expect(await reconcileService.recount(eventId, { now: placedAt + STALE_INTENT_MS - 1 })).toEqual(
      NOTHING_RECOUNTED,
    );
    expect((await stateOf(eventId, names)).waitlistCount).toBe(2);
    expect(warn).not.toHaveBeenCalled();
    expect(await reconcileService.recount(eventId, { now: placedAt + STALE_INTENT_MS })).toEqual({
      ...NOTHING_RECOUNTED,
      recounted: true,
    });
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 1,
      intents: {},
      entries: ['1:waiter'],
      signups: { holder: 'confirmed', waiter: 'waitlisted' },
    });
    expect(warn.mock.calls).toEqual([
      ['event recounted', { eventId, seatsTaken: [1, 1], waitlistCount: [2, 1], waitHead: [1, 1] }],
    ]);
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a dead entry is dropped at once; a waiting signup without its entry gets it only after STALE_INTENT_MS', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const late = await app.login(`repairs_${n}_late`);
    const ghost = { token: '', userId: `ghost_${n}` };
    const names = { holder: holders[0], waiter: waiters[0], late, ghost };
    armFailpoint('events.join.afterWaitlisted');
    await crashes(signUp(eventId, late.token), 'events.join.afterWaitlisted');
    await waitlistStore.put({ eventId, seq: 0, userId: ghost.userId, seats: 1 });
    const createdAt = Date.parse((await signupOf(eventId, late)).createdAt);
    // A join still running writes its own entry: only the dead one goes.
    expect(await reconcileService.recount(eventId, { now: createdAt + STALE_INTENT_MS - 1 })).toEqual({
      ...NOTHING_RECOUNTED,
      entriesRepaired: 1,
    });
    expect((await stateOf(eventId, names)).entries).toEqual(['1:waiter']);
    expect(await reconcileService.recount(eventId, { now: createdAt + STALE_INTENT_MS })).toEqual({
      ...NOTHING_RECOUNTED,
      entriesRepaired: 1,
    });
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 2,
      intents: {},
      entries: ['1:waiter', '2:late'],
      signups: { holder: 'confirmed', waiter: 'waitlisted', late: 'waitlisted' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('the head never moves past a place handed out moments ago whose household is still writing its signup', async () => {
    const { eventId } = await eventWith(1, 1, 0);
    const before = await ledgerOf(eventId);
    expect(before).toMatchObject({ waitSeq: 0, waitHead: 1, waitlistCount: 0 });
    // A join took place 1 (as takeWaitlistPlace does) and has not written its signup yet: no intent, no signup.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `EVENT#${eventId}`, sk: 'LEDGER' },
        UpdateExpression: 'SET lastWaitlistedAt = :now ADD waitSeq :one, waitlistCount :one',
        ExpressionAttributeValues: { ':now': Date.now(), ':one': 1 },
      }),
    );
    const placed = await ledgerOf(eventId);
    expect(await reconcileService.recount(eventId)).toEqual(NOTHING_RECOUNTED);
    expect(await ledgerOf(eventId)).toEqual(placed); // head still 1: the place being written
    // Once quiet (nobody came), the place is given up: count 0, head one past it.
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual({
      ...NOTHING_RECOUNTED,
      recounted: true,
    });
    expect(await ledgerOf(eventId)).toMatchObject({ waitSeq: 1, waitHead: 2, waitlistCount: 0 });
  });

  it('a wrong head of the waiting list alone is put right and reported as a recount (no seat or count moved)', async () => {
    const { eventId, waiters } = await eventWith(1, 1, 1);
    const setHead = (head: number) => setLedgerHead(eventId, head);
    const warn = jest.spyOn(logger, 'warn');
    const headOnly = { ...NOTHING_RECOUNTED, recounted: true };
    await setHead(7);
    const before = await ledgerOf(eventId);
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual(headOnly);
    // The place of the household waiting; nothing else moves but the ledger's revision.
    expect(await ledgerOf(eventId)).toEqual({ ...before, waitHead: 1, rev: before.rev + 1 });
    expect(warn).toHaveBeenCalledWith('event recounted', {
      eventId,
      seatsTaken: [1, 1],
      waitlistCount: [1, 1],
      waitHead: [7, 1],
    });
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual(NOTHING_RECOUNTED);
    expect((await cancel(eventId, waiters[0].token)).status).toBe(200);
    await setHead(7);
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual(headOnly);
    expect((await ledgerOf(eventId)).waitHead).toBe(2); // nobody waits: one past the last place handed out
    expect(warn).toHaveBeenCalledTimes(2);
    // The scheduled run counts such an event among those it repaired.
    await setHead(7);
    const report = await reconcileService.reconcileEvent(eventId, { staleAfterMs: 0 });
    expect(report).toMatchObject({ recounted: true, promoted: 0 });
    expect(repairedAnything(report!)).toBe(true);
    const newcomer = await app.login(`repairs_${n}_new`);
    const reply = await signUp(eventId, newcomer.token);
    expect(reply.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(reply.body.signup.waitlistPositionApproximate).toBeUndefined();
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a recount whose write the ledger refuses (another change landed after its read) reads again and writes', async () => {
    const { eventId, waiters } = await eventWith(1, 1, 1);
    await setLedgerHead(eventId, 7);
    const newcomer = await app.login(`repairs_${n}_late`);
    const realWrite = ledgerStore.writeRecount.bind(ledgerStore);
    const write = jest.spyOn(ledgerStore, 'writeRecount').mockImplementationOnce(async (...args) => {
      // A sign-up lands between the recount's read and its write: the write is refused (the revision moved).
      expect((await signUp(eventId, newcomer.token)).body.signup.status).toBe('waitlisted');
      const refused = await realWrite(...args);
      expect(refused).toBe(false);
      return refused;
    });
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual({
      ...NOTHING_RECOUNTED,
      recounted: true,
    });
    expect(write).toHaveBeenCalledTimes(2);
    // The second round counted the newcomer too: two waiting, the first at place 1.
    expect(await ledgerOf(eventId)).toMatchObject({ waitHead: 1, waitlistCount: 2, seatsFree: 0 });
    expect(await stateOf(eventId, { waiter: waiters[0], newcomer })).toMatchObject({
      entries: ['1:waiter', '2:newcomer'],
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('a recount refused three times in a row gives up for this run: no recount reported, the ledger as it was', async () => {
    const { eventId } = await eventWith(1, 1, 1);
    await setLedgerHead(eventId, 7);
    const realWrite = ledgerStore.writeRecount.bind(ledgerStore);
    const write = jest.spyOn(ledgerStore, 'writeRecount').mockImplementation(async (...args) => {
      await bumpLedgerRevision(eventId); // another writer, every time
      return realWrite(...args);
    });
    const warn = jest.spyOn(logger, 'warn');
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual(NOTHING_RECOUNTED);
    expect(write).toHaveBeenCalledTimes(3);
    expect(warn).not.toHaveBeenCalledWith('event recounted', expect.anything());
    expect((await ledgerOf(eventId)).waitHead).toBe(7);
    write.mockRestore();
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toMatchObject({ recounted: true });
    await expectNothingToFix(eventId);
  });

  it('a recount while a seat change is in flight reads the ledger and nothing else (no entry, no count written)', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    armFailpoint('events.cancel.afterIntent');
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterIntent');
    await setLedgerHead(eventId, 7);
    // A dead entry the recount would drop, were it to run now.
    await waitlistStore.put({ eventId, seq: 5, userId: waiters[0].userId, seats: 1 });
    const { result, ops } = await counted(() => reconcileService.recount(eventId, { staleAfterMs: 0 }));
    expect(result).toEqual(NOTHING_RECOUNTED);
    expect(ops.map((o) => `${o.command} ${o.sk}`)).toEqual(['GetItemCommand LEDGER']);
    expect(await reconcileEvent(eventId, { staleAfterMs: 0 })).toMatchObject({
      intentsSettled: 1,
      recounted: true,
      entriesRepaired: 1,
      promoted: 1,
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('an intent is settled once it is as old as the staleness asked for, not a moment before (not the default)', async () => {
    const { eventId, holders } = await eventWith(1, 1, 0);
    armFailpoint('events.cancel.afterIntent');
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterIntent');
    const tag = (await ledgerOf(eventId)).intents[holders[0].userId];
    const recorded = recordedBy(parseIntent(holders[0].userId, tag));
    const staleAfterMs = 60_000; // below the default of STALE_INTENT_MS
    expect(STALE_INTENT_MS).toBeGreaterThan(staleAfterMs);
    expect(
      await reconcileService.settleStaleIntents(eventId, { staleAfterMs, now: recorded + staleAfterMs - 1 }),
    ).toBe(0);
    expect(
      await reconcileService.settleStaleIntents(eventId, { staleAfterMs, now: recorded + staleAfterMs }),
    ).toBe(1);
    expect((await ledgerOf(eventId)).intents).toEqual({});
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('more confirmed seats than the capacity: nothing written, an error logged for staff with the figures', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const names = { holder: holders[0], waiter: waiters[0] };
    // Whatever the past fault, two households now hold confirmed signups for one seat.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `EVENT#${eventId}`, sk: `SIGNUP#${waiters[0].userId}` },
        UpdateExpression: 'SET #status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed' },
      }),
    );
    const error = jest.spyOn(logger, 'error');
    expect(await reconcileService.recount(eventId, { staleAfterMs: 0 })).toEqual({
      ...NOTHING_RECOUNTED,
      entriesRepaired: 1, // the entry of a household no longer waiting
      oversold: true,
    });
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 1,
      intents: {},
      entries: [],
      signups: { holder: 'confirmed', waiter: 'confirmed' },
    });
    expect(error.mock.calls).toEqual([
      [
        'event oversold: confirmed signups exceed the capacity; left for staff',
        { eventId, capacity: 1, confirmedSeats: 2 },
      ],
    ]);
  });

  it('a healthy event whose households have long been waiting: the whole reconciliation writes nothing', async () => {
    const { eventId } = await eventWith(1, 1, 2);
    // With no quiet time, every waiting signup is old enough to have its entry checked (and written, were it missing).
    const { result, ops } = await counted(() => reconcileEvent(eventId, { staleAfterMs: 0 }));
    expect(result).toMatchObject({ intentsSettled: 0, recounted: false, entriesRepaired: 0, promoted: 0 });
    expect(ops.filter(isWrite)).toEqual([]);
  });

  it('reports a run exactly: the intent it finished, the promotion, and the figures before and after', async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    const names = { holder: holders[0], waiter: waiters[0] };
    armFailpoint('events.cancel.afterSignupCancelled');
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterSignupCancelled');
    expect(await reconcileEvent(eventId, { staleAfterMs: 0 })).toEqual({
      eventId,
      intentsSettled: 1,
      seatsTaken: { before: 1, after: 1 },
      waitlistCount: { before: 1, after: 0 },
      recounted: false,
      entriesRepaired: 0,
      queueBackfilled: 0,
      scheduleSynced: false,
      oversold: false,
      promoted: 1,
    });
    expect(await stateOf(eventId, names)).toEqual({
      seatsTaken: 1,
      waitlistCount: 0,
      intents: {},
      entries: [],
      signups: { holder: 'cancelled', waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('a long reconciler run (its `now` is when it began)', () => {
  it("stamps a promotion's intent with the time it is written, so a concurrent cancel by the waiter waits for it", async () => {
    const { eventId, holders, waiters } = await eventWith(1, 1, 1);
    armFailpoint('events.cancel.afterSeatsReleased'); // a seat free, someone waiting
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterSeatsReleased');
    const waiter = waiters[0];
    const realPromote = signupStore.promote.bind(signupStore);
    const seen: { op: string; staleNow: boolean }[] = [];
    // Between the promotion's two writes (seat taken, signup confirmed): what the waiter's own cancel would see.
    // A stale intent it would settle — give the seat back — while this promotion goes on to confirm the waiter.
    jest.spyOn(signupStore, 'promote').mockImplementationOnce(async (...args) => {
      const tag = (await ledgerOf(eventId)).intents[waiter.userId];
      seen.push({ op: tag[0], staleNow: isStale(parseIntent(waiter.userId, tag), Date.now()) });
      return realPromote(...args);
    });
    // A run that began three minutes ago (its timeout is 5): older than STALE_INTENT_MS.
    const report = await reconcileEvent(eventId, { now: Date.now() - 3 * 60 * 1000 });
    expect(seen).toEqual([{ op: 'p', staleNow: false }]);
    expect(report).toMatchObject({ intentsSettled: 0, promoted: 1, seatsTaken: { before: 0, after: 1 } });
    expect(await stateOf(eventId, { waiter })).toMatchObject({
      intents: {},
      signups: { waiter: 'confirmed' },
    });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });
});

describe('the scheduled run (reconcileService)', () => {
  it('works on every event that started up to a week ago, and none that started earlier', async () => {
    const { eventId } = await eventWith(1, 1, 0);
    const startsAt = Date.parse((await ledgerOf(eventId)).startsAt);
    const day = 24 * 3600 * 1000;
    const covered = async (now: number) =>
      (await reconcileAllEvents({ now })).some((report) => report.eventId === eventId);
    expect([await covered(startsAt + 6 * day), await covered(startsAt + 8 * day)]).toEqual([true, false]);
  });

  it("passes the caller's staleness to every event (npm run reconcile): a just-crashed cancel is settled and its seat handed on", async () => {
    const { eventId, holders } = await eventWith(1, 1, 1);
    armFailpoint('events.cancel.afterSignupCancelled');
    await crashes(cancel(eventId, holders[0].token), 'events.cancel.afterSignupCancelled');
    const report = (await reconcileAllEvents({ staleAfterMs: 0 })).find((r) => r.eventId === eventId);
    expect(report).toMatchObject({ intentsSettled: 1, promoted: 1 });
    await expectExact(eventId);
    await expectNothingToFix(eventId);
  });

  it('counts an event as repaired for each kind of repair, and not when nothing was done', () => {
    const nothing: ReconcileReport = {
      eventId: 'E',
      intentsSettled: 0,
      seatsTaken: { before: 1, after: 1 },
      waitlistCount: { before: 0, after: 0 },
      recounted: false,
      entriesRepaired: 0,
      queueBackfilled: 0,
      scheduleSynced: false,
      oversold: false,
      promoted: 0,
    };
    const kinds: Partial<ReconcileReport>[] = [
      { intentsSettled: 1 },
      { recounted: true },
      { entriesRepaired: 1 },
      { queueBackfilled: 1 },
      { scheduleSynced: true },
      { oversold: true },
      { promoted: 1 },
    ];
    expect([nothing, ...kinds.map((k) => ({ ...nothing, ...k }))].map(repairedAnything)).toEqual([
      false,
      ...kinds.map(() => true),
    ]);
  });
});

describe('an event that lost its ledger or its event item (a creation that died half-way, a hand deletion)', () => {
  const deleteItem = (eventId: string, sk: string) =>
    db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: `EVENT#${eventId}`, sk } }));

  it('is settled, reconciled and reported as nothing; the scheduled run goes on with the others', async () => {
    const noLedger = await eventWith(1, 1, 0);
    const noEvent = await eventWith(1, 1, 0);
    await deleteItem(noLedger.eventId, 'LEDGER');
    await deleteItem(noEvent.eventId, 'META');
    expect(await reconcileService.settleStaleIntents(noLedger.eventId, { staleAfterMs: 0 })).toBe(0);
    expect(await reconcileEvent(noLedger.eventId, { staleAfterMs: 0 })).toBeNull();
    expect(await reconcileEvent(noEvent.eventId, { staleAfterMs: 0 })).toBeNull();
    expect(await reconcileEvent('no-such-event', { staleAfterMs: 0 })).toBeNull();
    // The event item without its ledger is still in the working set (the list is kept on the event item).
    const reports = await reconcileAllEvents({ staleAfterMs: 0 });
    expect(reports.filter((r) => typeof r !== 'object' || r === null)).toEqual([]);
    expect(reports.map((r) => r.eventId)).not.toContain(noLedger.eventId);
    expect(reports.length).toBeGreaterThan(0);
  });
});
