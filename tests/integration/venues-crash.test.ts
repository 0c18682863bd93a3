// Crash at every write boundary of booking, rollback, decline and cancel. Right after a crash: never two holders,
// never a pending or approved booking missing a half hour of its own (time held by nobody is the safe side). The
// reconciler's repair is then checked on its own, before the sweep: no slot held by nobody, no intent left, and
// the sweep after it finds nothing. Within the lease the repair leaves a claim alone (its request may be alive).
import { armFailpoint } from '../../functions/lib/faults';
import { reconcileService } from '../../functions/venues/reconcileService';
import { STALE_CLAIM_MS } from '../../functions/venues/slotSteps';
import { at, audit, book, venuesSuite, type VenuesSuite } from './venues.support';
import { leaseRunsOut } from '../support/idempotencyLease';

jest.setTimeout(60_000);

const suite: VenuesSuite = venuesSuite({ indexLagMs: 200 });
const DAY = 3;
const crashed = (promise: Promise<unknown>) => expect(promise).rejects.toThrow('injected crash');

async function expectSafeSide(venueId: string) {
  await suite.app.indexesSettled();
  const state = await audit(venueId);
  expect([state.overlapping, state.unheld]).toEqual([[], []]);
  return state;
}

/** The repair alone leaves the invariant exact; the sweep after it finds nothing. */
async function expectRepaired(venueId: string) {
  await suite.app.indexesSettled();
  const report = await reconcileService.repair(Date.now() + STALE_CLAIM_MS + 1000);
  const state = await audit(venueId);
  expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
  expect(state.bookings.filter((b) => b.status === 'claiming')).toEqual([]);
  expect(
    state.bookings.filter((b) => !b.released && ['failed', 'declined', 'cancelled'].includes(b.status)),
  ).toEqual([]);
  expect(await reconcileService.sweepVenue(venueId, Date.now())).toBe(0);
  return { report, state };
}

describe.each(['venues.book.afterIntent', 'venues.book.afterSlot', 'venues.book.afterConfirmed'])(
  'booking crashing at %s',
  (point) => {
    it('leaves the safe side; the repair finishes the booking once its lease is out', async () => {
      const venue = await suite.newVenue();
      const user = await suite.newUser();
      armFailpoint(point);
      await crashed(book(suite, user.token, venue, at(DAY, '10:00'), at(DAY, '11:00')));
      const before = await expectSafeSide(venue);
      // Within the lease the request might still be running: the repair leaves its claim alone.
      expect(await reconcileService.repair(Date.now())).toEqual({
        intentsFinished: 0,
        intentsRolledBack: 0,
        releasesFinished: 0,
      });
      expect((await audit(venue)).held).toEqual(before.held);

      const { report, state } = await expectRepaired(venue);
      expect(report.intentsFinished).toBe(point === 'venues.book.afterConfirmed' ? 0 : 1);
      expect(state.active).toHaveLength(1);
      expect(state.held.size).toBe(2);
      await suite.app.indexesSettled(); // "my bookings" is an index listing
      const mine = await suite.app.request('GET', '/v1/me/bookings', { token: user.token });
      expect(mine.body.items.map((b: { status: string }) => b.status)).toEqual(['pending']);
    });

    it('a retry with the same Idempotency-Key carries the booking on and answers it', async () => {
      const venue = await suite.newVenue();
      const user = await suite.newUser();
      const key = `crash-${point}`;
      const retry = () =>
        book(suite, user.token, venue, at(DAY, '10:00'), at(DAY, '11:00'), { 'Idempotency-Key': key });
      armFailpoint(point);
      await crashed(retry());
      // While the dead request's lease lasts, the key answers "in progress"; after it, the retry runs.
      expect((await retry()).body.error.code).toBe('REQUEST_IN_PROGRESS');
      await leaseRunsOut(user.userId, key);
      const again = await retry();
      expect(again.status).toBe(201);
      const { report, state } = await expectRepaired(venue);
      expect(report).toEqual({ intentsFinished: 0, intentsRolledBack: 0, releasesFinished: 0 });
      expect([state.bookings.length, state.active.length, state.held.size]).toEqual([1, 1, 2]);
      expect(again.body.booking.id).toBe(state.active[0].id);
    });
  },
);

describe.each(['venues.book.afterIntent', 'venues.book.afterSlot'])(
  'a rival books while %s is stuck',
  (point) => {
    it('the rival holds the time; the repair rolls the dead claim back and frees what it took', async () => {
      const venue = await suite.newVenue();
      const dead = await suite.newUser();
      const rival = await suite.newUser();
      armFailpoint(point);
      await crashed(book(suite, dead.token, venue, at(DAY, '10:00'), at(DAY, '11:00')));
      // The dead claim may hold 10:00; the rival's 10:30–11:30 overlaps it only from 10:30.
      expect((await book(suite, rival.token, venue, at(DAY, '10:30'), at(DAY, '11:30'))).status).toBe(201);
      await expectSafeSide(venue);
      const { report, state } = await expectRepaired(venue);
      expect(report.intentsRolledBack).toBe(1);
      expect(state.active).toHaveLength(1);
      expect([...state.held.keys()]).toHaveLength(2);
      // 10:00 is free again.
      expect((await book(suite, dead.token, venue, at(DAY, '10:00'), at(DAY, '10:30'))).status).toBe(201);
    });
  },
);

describe.each(['venues.book.afterFailed', 'venues.release.afterSlot'])(
  'a refused booking crashing at %s',
  (point) => {
    it('holds nothing anyone can see; the repair gives back what it took', async () => {
      const venue = await suite.newVenue();
      const holder = await suite.newUser();
      const late = await suite.newUser();
      expect((await book(suite, holder.token, venue, at(DAY, '11:00'), at(DAY, '12:00'))).status).toBe(201);
      armFailpoint(point);
      // Takes 10:00, 10:30, refused at 11:00.
      await crashed(book(suite, late.token, venue, at(DAY, '10:00'), at(DAY, '12:00')));
      const before = await expectSafeSide(venue);
      expect(before.held.size).toBeGreaterThan(2);
      const { report, state } = await expectRepaired(venue);
      expect(report.releasesFinished).toBe(1);
      expect(state.held.size).toBe(2);
    });
  },
);

describe.each([
  ['cancel', 'venues.close.afterStatus'],
  ['cancel', 'venues.release.afterSlot'],
  ['decline', 'venues.close.afterStatus'],
  ['decline', 'venues.release.afterSlot'],
])('%s crashing at %s', (action, point) => {
  it('the booking is closed at once; the repair frees its time (and a retry answers the same)', async () => {
    const venue = await suite.newVenue();
    const user = await suite.newUser();
    const booking = (await book(suite, user.token, venue, at(DAY, '14:00'), at(DAY, '15:00'))).body.booking;
    const run = () =>
      action === 'cancel'
        ? suite.app.request('DELETE', `/v1/bookings/${booking.id}`, { token: user.token })
        : suite.app.request('POST', `/v1/admin/bookings/${booking.id}/decision`, {
            token: suite.staff.token,
            body: { decision: 'decline', reason: '场地维修' },
          });
    armFailpoint(point);
    await crashed(run());
    const state = await expectSafeSide(venue);
    expect(state.active).toEqual([]);
    const { report } = await expectRepaired(venue);
    expect(report.releasesFinished).toBe(1);
    expect((await audit(venue)).held.size).toBe(0);
    const again = await run();
    expect([again.status, again.body.booking.status]).toEqual([
      200,
      action === 'cancel' ? 'cancelled' : 'declined',
    ]);
  });
});

it('the sweep frees a slot taken by a request after its booking was rolled back', async () => {
  const venue = await suite.newVenue();
  const user = await suite.newUser();
  const rival = await suite.newUser();
  armFailpoint('venues.book.afterIntent');
  await crashed(book(suite, user.token, venue, at(DAY, '16:00'), at(DAY, '17:00')));
  expect((await book(suite, rival.token, venue, at(DAY, '16:30'), at(DAY, '17:00'))).status).toBe(201);
  await suite.app.indexesSettled();
  expect((await reconcileService.repair(Date.now() + STALE_CLAIM_MS + 1000)).intentsRolledBack).toBe(1);
  // The dead request's process comes back to life and takes 16:00 for its rolled-back booking.
  const failed = (await audit(venue)).bookings.find((b) => b.status === 'failed')!;
  const { slotStore } = await import('../../functions/venues/slotStore');
  expect(await slotStore.take(venue, failed.startsAt, failed.id, new Date().toISOString())).toBe(true);
  expect((await audit(venue)).orphans).toEqual([failed.startsAt]);
  expect(await reconcileService.sweepVenue(venue, Date.now())).toBe(1);
  const state = await audit(venue);
  expect([state.orphans, state.held.size]).toEqual([[], 1]);
});
