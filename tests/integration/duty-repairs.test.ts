// The appointment steps' and the duty reconciler's less travelled paths, each checked where a wrong change would
// show (docs/QUALITY.md, mutation testing of functions/services/duty/appointmentSteps.ts and reconcileService.ts):
// the steps on paths the API's own checks usually spare them (a full shift, a second booking, a cancel with nothing
// to cancel or with a change in flight), what the finisher answers for each left-over intent — above all the ones
// that must not give a place back twice — and the reconciler's bounds, report and log. The state is read straight
// from the store right after the step under test.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { logger } from '../../functions/lib/logger';
import {
  book as bookStep,
  cancel as cancelStep,
  settle,
} from '../../functions/services/duty/appointmentSteps';
import { parseIntent, shiftKey } from '../../functions/services/duty/model';
import { dutyReconcileService } from '../../functions/services/duty/reconcileService';
import { shiftStore } from '../../functions/services/duty/shiftStore';
import { startTestApp, type TestApp } from '../support/app';
import { audit, book, cancelMine, createShift, expectExact } from './duty.support';
import { counted, heldFlow, installStoreProbe, isWrite } from './events.probe';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let users = 0;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 100 });
  installStoreProbe();
  staff = await app.userWithRoles('duty_repairs_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  disarmAllFailpoints();
  jest.restoreAllMocks();
});

const newUser = () => app.login(`duty_repairs_user_${++users}`);
const NO_INPUT = { question: null, key: null };
type Shift = Awaited<ReturnType<typeof createShift>>;

async function crashes(work: Promise<unknown>, point: string) {
  armFailpoint(point);
  await expect(work).rejects.toThrow(`injected crash at ${point}`);
  disarmAllFailpoints();
}

/** The user's intent on the shift, as the store holds it. */
async function intentOf(shiftId: string, userId: string) {
  const tag = (await shiftStore.get(shiftId))!.intents[userId];
  expect(tag).toBeDefined();
  return parseIntent(userId, tag);
}

/** Sets the shift's counter (and capacity), as a past fault or a staff edit might have left them. */
const setShift = (shiftId: string, fields: { booked?: number; capacity?: number }) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: shiftKey(shiftId),
      UpdateExpression: `SET ${Object.keys(fields)
        .map((f) => `#${f} = :${f}`)
        .join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(Object.keys(fields).map((f) => [`#${f}`, f])),
      ExpressionAttributeValues: Object.fromEntries(Object.entries(fields).map(([f, v]) => [`:${f}`, v])),
    }),
  );

async function booked(shift: Shift) {
  const user = await newUser();
  expect((await book(app, shift.id, user.token)).status).toBe(201);
  return user;
}

describe('the steps on paths the API spares them', () => {
  it('a booking on a full shift is refused and writes nothing', async () => {
    const shift = await createShift(app, staff.token, { capacity: 1 });
    await booked(shift);
    const late = await newUser();
    const { result, ops } = await counted(() => bookStep(shift, late.userId, NO_INPUT));
    expect(result).toEqual({ outcome: 'refused' });
    expect(ops.filter(isWrite).map((o) => o.command)).toEqual(['UpdateItemCommand']); // the refused take
    await expectExact(shift.id, 1);
  });

  it('a second booking by a user already booked is a duplicate, and its place is given back', async () => {
    const shift = await createShift(app, staff.token);
    const user = await booked(shift);
    expect(await bookStep(shift, user.userId, NO_INPUT)).toEqual({ outcome: 'duplicate' });
    await expectExact(shift.id, 1);
  });

  it('a booking so slow that the finisher voided it meanwhile gives its place back and answers 503, not a duplicate', async () => {
    const shift = await createShift(app, staff.token);
    const user = await newUser();
    // Held after taking its place, before writing the appointment.
    const slow = heldFlow(
      () => bookStep(shift, user.userId, NO_INPUT),
      (next) => isWrite(next) && next.command === 'PutItemCommand',
    );
    await slow.reached;
    expect(await dutyReconcileService.settleStaleIntents(shift.id, { staleAfterMs: 0 })).toBe(1);
    slow.release();
    await expect(slow.done).rejects.toMatchObject({ status: 503 });
    await expectExact(shift.id, 0);
  });

  it('a cancel while a change of the user is in flight answers false and leaves that change alone', async () => {
    const shift = await createShift(app, staff.token);
    const user = await newUser();
    await crashes(bookStep(shift, user.userId, NO_INPUT), 'services.duty.book.afterPlaceTaken');
    const inFlight = await intentOf(shift.id, user.userId);
    expect(await cancelStep(shift.id, user.userId)).toBe(false);
    expect((await intentOf(shift.id, user.userId)).tag).toBe(inFlight.tag);
    expect((await audit(shift.id)).booked).toBe(1);
  });

  it('a cancel with nothing to cancel is a 404 and leaves no intent; one that went through answers true', async () => {
    const shift = await createShift(app, staff.token);
    const nobody = await newUser();
    await expect(cancelStep(shift.id, nobody.userId)).rejects.toMatchObject({
      status: 404,
      message: '您没有预约该班次',
    });
    await expectExact(shift.id, 0);
    const user = await booked(shift);
    expect(await cancelStep(shift.id, user.userId)).toBe(true);
    await expectExact(shift.id, 0);
  });
});

describe('the finisher (settle) of each left-over intent', () => {
  it('a booking that died before its appointment is undone; one that died after it, finished', async () => {
    const shift = await createShift(app, staff.token);
    const [early, late] = [await newUser(), await newUser()];
    await crashes(bookStep(shift, early.userId, NO_INPUT), 'services.duty.book.afterPlaceTaken');
    await crashes(bookStep(shift, late.userId, NO_INPUT), 'services.duty.book.afterAppointmentWritten');
    expect(await settle(shift.id, await intentOf(shift.id, early.userId))).toBe('undone');
    expect(await settle(shift.id, await intentOf(shift.id, late.userId))).toBe('finished');
    await expectExact(shift.id, 1);
    expect((await audit(shift.id)).users).toEqual([late.userId]);
  });

  it('a second booking of a user already booked that died holding a place is undone, not finished on the first one', async () => {
    const shift = await createShift(app, staff.token);
    const user = await booked(shift);
    await crashes(bookStep(shift, user.userId, NO_INPUT), 'services.duty.book.afterPlaceTaken');
    expect((await audit(shift.id)).booked).toBe(2);
    expect(await settle(shift.id, await intentOf(shift.id, user.userId))).toBe('undone');
    await expectExact(shift.id, 1);
  });

  it('a cancel that died after its intent or after cancelling the appointment is finished: its place given back once', async () => {
    const shift = await createShift(app, staff.token);
    const [first, second] = [await booked(shift), await booked(shift)];
    await crashes(cancelMine(app, shift.id, first.token), 'services.duty.cancel.afterIntent');
    await crashes(cancelMine(app, shift.id, second.token), 'services.duty.cancel.afterAppointmentCancelled');
    expect(await settle(shift.id, await intentOf(shift.id, first.userId))).toBe('finished');
    expect(await settle(shift.id, await intentOf(shift.id, second.userId))).toBe('finished');
    await expectExact(shift.id, 0);
  });

  it('a cancel that died after its intent, of a user with no appointment at all, is dropped: no place given back', async () => {
    const shift = await createShift(app, staff.token);
    await booked(shift);
    const nobody = await newUser();
    await crashes(cancelStep(shift.id, nobody.userId), 'services.duty.cancel.afterIntent');
    expect(await settle(shift.id, await intentOf(shift.id, nobody.userId))).toBe('dropped');
    await expectExact(shift.id, 1);
  });

  it('a cancel intent on an appointment an earlier cancel closed is dropped: no place given back twice, one write', async () => {
    const shift = await createShift(app, staff.token);
    const [user, other] = [await booked(shift), await booked(shift)];
    expect((await cancelMine(app, shift.id, user.token)).status).toBe(204);
    await crashes(cancelStep(shift.id, user.userId), 'services.duty.cancel.afterIntent');
    const intent = await intentOf(shift.id, user.userId);
    const { result, ops } = await counted(() => settle(shift.id, intent));
    expect(result).toBe('dropped');
    expect(ops.filter(isWrite).map((o) => `${o.command} ${o.sk}`)).toEqual(['UpdateItemCommand SHIFT']);
    await expectExact(shift.id, 1);
    expect((await audit(shift.id)).users).toEqual([other.userId]);
  });
});

describe('the reconciler (dutyReconcileService)', () => {
  it('an unknown shift: nothing settled, no report', async () => {
    expect(await dutyReconcileService.settleStaleIntents('no-such-shift')).toBe(0);
    expect(await dutyReconcileService.recount('no-such-shift')).toBeNull();
    expect(await dutyReconcileService.reconcileShift('no-such-shift')).toBeNull();
  });

  it('an intent is settled once it is exactly as old as the staleness asked for, not a moment before', async () => {
    const shift = await createShift(app, staff.token);
    const user = await newUser();
    await crashes(bookStep(shift, user.userId, NO_INPUT), 'services.duty.book.afterPlaceTaken');
    const { at } = await intentOf(shift.id, user.userId);
    const staleAfterMs = 1000;
    expect(
      await dutyReconcileService.settleStaleIntents(shift.id, { now: at + staleAfterMs - 1, staleAfterMs }),
    ).toBe(0);
    expect(
      await dutyReconcileService.settleStaleIntents(shift.id, { now: at + staleAfterMs, staleAfterMs }),
    ).toBe(1);
    await expectExact(shift.id, 0);
  });

  it('the recount reports a quiet shift as it is, writes a count equal to the capacity, and logs one above it for staff', async () => {
    const shift = await createShift(app, staff.token, { capacity: 2 });
    await booked(shift);
    await booked(shift);
    const quiet = { shiftId: shift.id, booked: { before: 2, after: 2 }, recounted: false, overbooked: false };
    expect(await dutyReconcileService.recount(shift.id)).toEqual(quiet);
    await setShift(shift.id, { booked: 1 });
    expect(await dutyReconcileService.recount(shift.id)).toEqual({
      ...quiet,
      booked: { before: 1, after: 2 },
      recounted: true,
    });
    await expectExact(shift.id, 2);
    await setShift(shift.id, { booked: 1, capacity: 1 });
    const error = jest.spyOn(logger, 'error');
    expect(await dutyReconcileService.recount(shift.id)).toEqual({
      ...quiet,
      booked: { before: 1, after: 1 },
      overbooked: true,
    });
    expect(error.mock.calls).toEqual([
      ['duty shift overbooked: left for staff', { shiftId: shift.id, count: 2, capacity: 1 }],
    ]);
    expect((await audit(shift.id)).booked).toBe(1);
    await setShift(shift.id, { booked: 2, capacity: 2 }); // as it was, for the scheduled run's test
  });

  it('the scheduled run covers shifts that started up to a week ago, reports only the ones it repaired, and logs their number', async () => {
    await app.indexesSettled();
    await dutyReconcileService.runScheduled({ staleAfterMs: 0 }); // nothing left over from the tests before
    const dead = await createShift(app, staff.token);
    const quiet = await createShift(app, staff.token);
    await booked(quiet);
    await crashes(bookStep(dead, (await newUser()).userId, NO_INPUT), 'services.duty.book.afterPlaceTaken');
    await app.indexesSettled();
    const info = jest.spyOn(logger, 'info');
    // Two days after both started.
    const now = Date.parse(dead.startsAt) + 2 * 86400_000;
    expect(await dutyReconcileService.runScheduled({ now, staleAfterMs: 0 })).toEqual([
      {
        shiftId: dead.id,
        intentsSettled: 1,
        booked: { before: 0, after: 0 },
        recounted: false,
        overbooked: false,
      },
    ]);
    expect(await dutyReconcileService.runScheduled({ now, staleAfterMs: 0 })).toEqual([]);
    expect(info.mock.calls.filter(([message]) => message === 'duty reconciled')).toEqual([
      ['duty reconciled', { shifts: 1 }],
    ]);
    await expectExact(dead.id, 0);
    await expectExact(quiet.id, 1);
  });
});
