// Crash at every write boundary of the appointment steps (functions/services/duty/appointmentSteps.ts; a failpoint
// stands for the process dying there). The repair — two finishers of the left-over intent at once — is checked on
// its own, right after it, before any recount; then a full reconciliation must find nothing left to fix.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { appointmentStore } from '../../functions/services/duty/appointmentStore';
import { book as bookStep } from '../../functions/services/duty/appointmentSteps';
import { shiftKey } from '../../functions/services/duty/model';
import { dutyReconcileService } from '../../functions/services/duty/reconcileService';
import { shiftStore } from '../../functions/services/duty/shiftStore';
import { startTestApp, type TestApp } from '../support/app';
import { audit, book, cancelMine, createShift, expectExact } from './duty.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 100 });
  staff = await app.userWithRoles('duty_crash_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

async function crashes(request: Promise<unknown>, point: string) {
  await expect(request).rejects.toThrow(`injected crash at ${point}`);
}

/** Two reconciler runs settling the dead request's intents at the same time; how many intents were settled. */
async function settleTwiceAtOnce(shiftId: string): Promise<number> {
  const runs = [0, 1].map(() => dutyReconcileService.settleStaleIntents(shiftId, { staleAfterMs: 0 }));
  return Math.max(...(await Promise.all(runs)));
}

/** After the repair, a full reconciliation finds nothing to settle and nothing to recount. */
async function expectNothingToFix(shiftId: string) {
  expect(await dutyReconcileService.reconcileShift(shiftId, { staleAfterMs: 0 })).toMatchObject({
    intentsSettled: 0,
    recounted: false,
    overbooked: false,
  });
}

async function setup(capacity = 2) {
  n++;
  const shift = await createShift(app, staff.token, { capacity });
  const user = await app.login(`duty_crash_user_${n}`);
  return { shift, user };
}

describe('a booking that dies', () => {
  it('after the place was taken: the place is held (safe), the repair gives it back and voids the booking', async () => {
    const { shift, user } = await setup();
    armFailpoint('services.duty.book.afterPlaceTaken');
    await crashes(book(app, shift.id, user.token), 'services.duty.book.afterPlaceTaken');
    const left = await audit(shift.id);
    expect([left.booked, left.appointments, left.intents]).toEqual([1, 0, 1]);
    const tag = (await shiftStore.get(shift.id))!.intents[user.userId];
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    await expectExact(shift.id, 0);
    // The dead request can never write its appointment late: the finisher voided that booking.
    const late = await appointmentStore.putBooked({
      shiftId: shift.id,
      userId: user.userId,
      status: 'booked',
      intent: tag,
      question: null,
      key: null,
      startsAt: shift.startsAt,
      createdAt: new Date().toISOString(),
    });
    expect(late).toBe(false);
    await expectExact(shift.id, 0);
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    await expectExact(shift.id, 1);
    await expectNothingToFix(shift.id);
  });

  it('after the appointment was written: the repair completes it', async () => {
    const { shift, user } = await setup();
    armFailpoint('services.duty.book.afterAppointmentWritten');
    await crashes(book(app, shift.id, user.token, '社保断缴'), 'services.duty.book.afterAppointmentWritten');
    const left = await audit(shift.id);
    expect([left.booked, left.appointments, left.intents]).toEqual([1, 1, 1]);
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    await expectExact(shift.id, 1);
    expect((await book(app, shift.id, user.token)).body.error.code).toBe('ALREADY_BOOKED');
    await expectNothingToFix(shift.id);
  });

  it('after giving back the place of a second booking: nothing is left over', async () => {
    const { shift, user } = await setup();
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    // A second booking of the same user that got past the service's first look (a race): the steps refuse it.
    armFailpoint('services.duty.book.afterPlaceReturned');
    await crashes(
      bookStep(shift, user.userId, { question: null, key: null }),
      'services.duty.book.afterPlaceReturned',
    );
    await expectExact(shift.id, 1);
    expect(await settleTwiceAtOnce(shift.id)).toBe(0);
    await expectNothingToFix(shift.id);
  });

  it('and the user retries once the intent is stale: the retry repairs it and books', async () => {
    const { shift, user } = await setup(1);
    armFailpoint('services.duty.book.afterPlaceTaken');
    await crashes(book(app, shift.id, user.token), 'services.duty.book.afterPlaceTaken');
    // While it is fresh the place counts as theirs.
    expect((await book(app, shift.id, user.token)).body.error.code).toBe('ALREADY_BOOKED');
    const tag = (await shiftStore.get(shift.id))!.intents[user.userId];
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: shiftKey(shift.id),
        UpdateExpression: 'SET intents.#u = :old',
        ExpressionAttributeNames: { '#u': user.userId },
        ExpressionAttributeValues: { ':old': tag.replace(/^book\.\d+/, 'book.1000') },
      }),
    );
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    await expectExact(shift.id, 1);
    await expectNothingToFix(shift.id);
  });
});

describe('a cancel that dies', () => {
  it('after its intent: the repair completes the cancel the user asked for', async () => {
    const { shift, user } = await setup();
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    armFailpoint('services.duty.cancel.afterIntent');
    await crashes(cancelMine(app, shift.id, user.token), 'services.duty.cancel.afterIntent');
    const left = await audit(shift.id);
    expect([left.booked, left.appointments, left.intents]).toEqual([1, 1, 1]);
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    await expectExact(shift.id, 0);
    await expectNothingToFix(shift.id);
  });

  it('after the appointment was cancelled: the place is held (safe) until the repair gives it back', async () => {
    const { shift, user } = await setup(1);
    const other = await app.login(`duty_crash_other_${n}`);
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    armFailpoint('services.duty.cancel.afterAppointmentCancelled');
    await crashes(cancelMine(app, shift.id, user.token), 'services.duty.cancel.afterAppointmentCancelled');
    const left = await audit(shift.id);
    expect([left.booked, left.appointments, left.intents]).toEqual([1, 0, 1]);
    expect((await book(app, shift.id, other.token)).body.error.code).toBe('SHIFT_FULL');
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    await expectExact(shift.id, 0);
    expect((await book(app, shift.id, other.token)).status).toBe(201);
    await expectNothingToFix(shift.id);
  });
});

describe('a finisher that dies', () => {
  it('after voiding a dead booking: the next run undoes it once', async () => {
    const { shift, user } = await setup();
    armFailpoint('services.duty.book.afterPlaceTaken');
    await crashes(book(app, shift.id, user.token), 'services.duty.book.afterPlaceTaken');
    armFailpoint('services.duty.settle.afterVoided');
    await expect(dutyReconcileService.settleStaleIntents(shift.id, { staleAfterMs: 0 })).rejects.toThrow(
      /injected crash/,
    );
    expect((await audit(shift.id)).booked).toBe(1);
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    await expectExact(shift.id, 0);
    await expectNothingToFix(shift.id);
  });

  it('after cancelling for a dead cancel: the next run gives the place back once', async () => {
    const { shift, user } = await setup();
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    armFailpoint('services.duty.cancel.afterIntent');
    await crashes(cancelMine(app, shift.id, user.token), 'services.duty.cancel.afterIntent');
    armFailpoint('services.duty.settle.afterCancelled');
    await expect(dutyReconcileService.settleStaleIntents(shift.id, { staleAfterMs: 0 })).rejects.toThrow(
      /injected crash/,
    );
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    await expectExact(shift.id, 0);
    await expectNothingToFix(shift.id);
  });
});

describe('the recount', () => {
  it('runs only after the repair, rewrites a wrong counter from the appointments, never above the capacity', async () => {
    const { shift, user } = await setup(2);
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    const setBooked = (booked: number, capacity = 2) =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: shiftKey(shift.id),
          UpdateExpression: 'SET booked = :b, #c = :c',
          ExpressionAttributeNames: { '#c': 'capacity' },
          ExpressionAttributeValues: { ':b': booked, ':c': capacity },
        }),
      );
    await setBooked(2, 3);
    // With an intent in flight the recount leaves the shift alone.
    const other = await app.login(`duty_recount_other_${n}`);
    armFailpoint('services.duty.book.afterPlaceTaken');
    await crashes(book(app, shift.id, other.token), 'services.duty.book.afterPlaceTaken');
    expect(await dutyReconcileService.recount(shift.id)).toMatchObject({ recounted: false });
    expect(await settleTwiceAtOnce(shift.id)).toBe(1);
    expect((await audit(shift.id)).booked).toBe(2); // the repair alone: the stray +1 stays for the recount
    expect(await dutyReconcileService.recount(shift.id)).toMatchObject({
      recounted: true,
      booked: { before: 2, after: 1 },
    });
    await expectExact(shift.id, 1);
    // More appointments than places: logged for staff, not written.
    await setBooked(0, 0);
    expect(await dutyReconcileService.recount(shift.id)).toMatchObject({
      recounted: false,
      overbooked: true,
    });
    expect((await audit(shift.id)).booked).toBe(0);
    await setBooked(1, 2);
  });

  it('the scheduled job repairs what dead requests left on every shift', async () => {
    const { shift, user } = await setup();
    armFailpoint('services.duty.book.afterPlaceTaken');
    await crashes(book(app, shift.id, user.token), 'services.duty.book.afterPlaceTaken');
    await app.indexesSettled();
    // A fresh intent may belong to a live request: the job leaves it.
    await dutyReconcileService.runScheduled();
    expect((await audit(shift.id)).intents).toBe(1);
    const reports = await dutyReconcileService.runScheduled({ staleAfterMs: 0 });
    expect(reports.find((r) => r.shiftId === shift.id)).toMatchObject({ intentsSettled: 1 });
    await expectExact(shift.id, 0);
  });
});
