// Issue 17, store faults — duty-desk appointments. 20% of the handlers' store calls fail (throttles, timeouts, errors
// after the write was applied; tests/support/storeFaults.ts, fixed seed, printed) while 16 people book a 5-place
// shift at once, then two of those booked cancel. Clients repeat a 503 with the same Idempotency-Key (a cancel, a
// DELETE, is repeated as is). Every reply is a success, 409 SHIFT_FULL, or a 503 with Retry-After (a repeated cancel
// that finds the appointment already cancelled answers 204 again); after the reconciler: the counter equals the booked appointments,
// no intent, within the capacity, and the booked people are exactly the acknowledged ones.
import { dutyReconcileService } from '../../functions/services/duty/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import type { StoreFaults } from '../support/storeFaults';
import { audit, createShift, expectExact } from './duty.support';
import { client, describeRun, runClients } from './store-faults.support';

jest.setTimeout(120_000);

let app: TestApp;
let faults: StoreFaults;
let staff: { token: string };
beforeAll(async () => {
  app = await startTestApp({ storeFaults: { rate: 0.2 } });
  faults = app.storeFaults!;
  staff = await app.userWithRoles('faults_duty_staff', ['staff']);
});
afterAll(async () => {
  faults.disable();
  await app.close();
});

const CAPACITY = 5;
const PEOPLE = 16;
const LATER = 3 * 60 * 1000; // past the intents' stale age: what a failed request left is finished or undone

it('16 bookings for 5 places, then 2 cancels, under 20% store faults: counter = booked appointments', async () => {
  const shift = await createShift(app, staff.token, { capacity: CAPACITY });
  const users = await Promise.all(Array.from({ length: PEOPLE }, (_, i) => app.login(`faults_duty_${i}`)));
  let runs = 0;
  const reconcile = async () => {
    await dutyReconcileService.reconcileShift(shift.id, { now: Date.now() + ++runs * LATER });
  };
  const bookers = users.map((u, i) =>
    client({
      name: `book ${i}`,
      send: () =>
        app.request('POST', `/v1/duty/${shift.id}/appointments`, {
          token: u.token,
          body: { question: `问题 ${i}` },
          headers: { 'idempotency-key': `faults-duty-${i}` },
        }),
      expected: ['409 SHIFT_FULL'],
    }),
  );
  const first = await runClients(bookers, faults, { between: reconcile });
  console.log(describeRun('duty bookings', first, faults));
  expect(first.violations).toEqual([]);
  const booked = bookers.flatMap((c, i) => (c.finals[0].status === 201 ? [i] : []));
  expect(booked).toHaveLength(CAPACITY);

  const leaving = booked.slice(0, 2);
  const cancels = leaving.map((i) =>
    client({
      name: `cancel ${i}`,
      send: () => app.request('DELETE', `/v1/duty/${shift.id}/appointments/me`, { token: users[i].token }),
    }),
  );
  const second = await runClients(cancels, faults, { between: reconcile });
  console.log(describeRun('duty cancels', second, faults));
  expect(second.violations).toEqual([]);

  await reconcile();
  await expectExact(shift.id, CAPACITY - leaving.length);
  const staying = booked.filter((i) => !leaving.includes(i)).map((i) => users[i].userId);
  expect((await audit(shift.id)).users.sort()).toEqual(staying.sort());
  expect(faults.injected.after).toBeGreaterThan(0);
  // The Idempotency-Key records failed like the rest (lib/idempotency.ts recovers its own lost writes).
  expect(faults.keyRecordCalls).toBeGreaterThan(0);
});
