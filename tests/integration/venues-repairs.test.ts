// The booking steps' and the venues reconciler's less travelled paths, each checked where a wrong change would show
// (docs/QUALITY.md, mutation testing of functions/venues/slotSteps.ts and reconcileService.ts): a slow request whose
// claim was settled by someone else meanwhile, a rollback or a release that finds the work done, the staleness and
// start-time bounds of the finisher, the repair's counting, the index listing what the base table no longer holds
// (the index lags here, as on DynamoDB), the sweep's window and the scheduled run. The state is read straight from
// the store right after the step under test.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint } from '../../functions/lib/faults';
import { logger } from '../../functions/lib/logger';
import { readDay } from '../../functions/lib/metrics';
import { bookingStore } from '../../functions/venues/bookingStore';
import { bookingKey, type BookingRecord } from '../../functions/venues/model';
import { reconcileService } from '../../functions/venues/reconcileService';
import {
  claimAndConfirm,
  close,
  releaseAll,
  rollBack,
  settleStale,
  STALE_CLAIM_MS,
} from '../../functions/venues/slotSteps';
import { slotStore } from '../../functions/venues/slotStore';
import { counted, installStoreProbe } from './events.probe';
import { at, audit, book, districtDay, venuesSuite } from './venues.support';

jest.setTimeout(60_000);

const suite = venuesSuite({ indexLagMs: 200 });
beforeAll(() => installStoreProbe());
afterEach(() => jest.restoreAllMocks());

const DAY = 4;
/** A moment when every claim made in this test is stale (and none of the bookings has begun). */
const stale = () => Date.now() + STALE_CLAIM_MS + 1000;
const NOTHING = { intentsFinished: 0, intentsRolledBack: 0, releasesFinished: 0 };

const bookingOf = async (id: string) => (await bookingStore.get(id))!;

/** A booking of `from`–`to` on DAY left claiming by a request that died at `point`, as the store holds it. */
async function deadClaim(point = 'venues.book.afterIntent', from = '10:00', to = '11:00') {
  const venue = await suite.newVenue();
  const user = await suite.newUser();
  armFailpoint(point);
  await expect(book(suite, user.token, venue, at(DAY, from), at(DAY, to))).rejects.toThrow('injected crash');
  await suite.app.indexesSettled();
  const [claim] = (await audit(venue)).bookings;
  expect(claim.status).toBe('claiming');
  return { venue, user, claim };
}

/** A pending booking of 10:00–11:00 on DAY, made through the API. */
async function pendingBooking() {
  const venue = await suite.newVenue();
  const user = await suite.newUser();
  const res = await book(suite, user.token, venue, at(DAY, '10:00'), at(DAY, '11:00'));
  expect(res.status).toBe(201);
  return { venue, booking: await bookingOf(res.body.booking.id as string) };
}

/** The booking cancelled by its first step only: its half hours not given back yet. */
const cancelledUnreleased = async (booking: BookingRecord) =>
  (await bookingStore.transition(booking.id, ['pending'], { to: 'cancelled' }, Date.now()))!;

/** Who holds each half hour of the venue (slot start → booking id). */
const holders = async (venue: string) => Object.fromEntries((await audit(venue)).held);

describe('a slow request whose claim was settled meanwhile', () => {
  it('rolled back by the reconciler: its confirm is refused, it gives back what it took and reports the booking lost', async () => {
    const { venue, claim } = await deadClaim();
    expect((await rollBack(claim, Date.now()))?.status).toBe('failed');
    // The request comes back to life with its copy of the claim: it takes both half hours, then cannot confirm.
    expect(await claimAndConfirm(claim, Date.now())).toEqual({ kind: 'lost' });
    expect(await holders(venue)).toEqual({});
    expect(await bookingOf(claim.id)).toMatchObject({ status: 'failed', released: true });
  });

  it('finished by the reconciler: its confirm is refused and it reports the booking held, as the store has it', async () => {
    const { venue, claim } = await deadClaim();
    expect(await settleStale(claim, stale())).toBe('finished');
    expect(await claimAndConfirm(claim, Date.now())).toEqual({
      kind: 'held',
      booking: expect.objectContaining({ id: claim.id, status: 'pending' }),
    });
    expect(Object.values(await holders(venue))).toEqual([claim.id, claim.id]);
  });
});

describe('a rollback or a release that finds its work done', () => {
  it('rolling back a claim another step failed first still gives back what it took', async () => {
    const venue = await suite.newVenue();
    const [holder, late] = [await suite.newUser(), await suite.newUser()];
    expect((await book(suite, holder.token, venue, at(DAY, '11:00'), at(DAY, '12:00'))).status).toBe(201);
    armFailpoint('venues.book.afterFailed');
    // Takes 10:00 and 10:30, is refused 11:00, marks itself failed and dies before giving anything back.
    await expect(book(suite, late.token, venue, at(DAY, '10:00'), at(DAY, '12:00'))).rejects.toThrow(
      'injected crash',
    );
    await suite.app.indexesSettled();
    const failed = (await audit(venue)).bookings.find((b) => b.status === 'failed')!;
    expect(Object.keys(await holders(venue))).toHaveLength(4);
    // This rollback did not fail it: it passes the crash point by (a test hook, armed again) and still releases.
    armFailpoint('venues.book.afterFailed');
    expect(await rollBack(failed, Date.now())).toMatchObject({ id: failed.id, status: 'failed' });
    expect(Object.keys(await holders(venue))).toHaveLength(2);
    expect((await audit(venue)).orphans).toEqual([]);
    expect((await bookingOf(failed.id)).released).toBe(true);
  });

  it('rolling back a booking that was confirmed changes nothing: it keeps its time', async () => {
    const { venue, booking } = await pendingBooking();
    expect(await rollBack(booking, Date.now())).toMatchObject({ id: booking.id, status: 'pending' });
    expect(Object.values(await holders(venue))).toEqual([booking.id, booking.id]);
  });

  it('releasing says how many half hours it freed; again, nothing is freed and the booking is not written', async () => {
    const { venue, booking } = await pendingBooking();
    const cancelled = await cancelledUnreleased(booking);
    expect(cancelled.released).toBe(false);
    expect(await releaseAll(cancelled)).toBe(2);
    expect(await holders(venue)).toEqual({});
    const again = await counted(() => releaseAll({ ...cancelled, released: true }));
    expect(again.result).toBe(0);
    expect(again.ops.filter((o) => o.command === 'UpdateItemCommand')).toEqual([]);
  });

  it('closing answers the closed booking as released; closing it again (no longer in a status it may leave) answers null', async () => {
    const { venue, booking } = await pendingBooking();
    expect(await close(booking, 'cancelled', ['pending'], {}, Date.now())).toMatchObject({
      status: 'cancelled',
      released: true,
    });
    expect(await holders(venue)).toEqual({});
    expect(await close(booking, 'cancelled', ['pending'], {}, Date.now())).toBeNull();
  });
});

describe("the finisher's bounds (settleStale)", () => {
  it('a claim is finished once it is exactly as old as the staleness asked for, not a moment before', async () => {
    const { venue, claim } = await deadClaim();
    const staleAfterMs = 60_000;
    expect(await settleStale(claim, claim.changedAt + staleAfterMs - 1, staleAfterMs)).toBe('none');
    expect(await holders(venue)).toEqual({});
    expect(await settleStale(claim, claim.changedAt + staleAfterMs, staleAfterMs)).toBe('finished');
    expect((await bookingOf(claim.id)).status).toBe('pending');
  });

  it('a claim whose time has begun, at its very start, is rolled back and holds nothing', async () => {
    const { venue, claim } = await deadClaim('venues.book.afterSlot');
    expect(Object.keys(await holders(venue))).toHaveLength(1);
    expect(await settleStale(claim, Date.parse(claim.startsAt))).toBe('rolledBack');
    expect(await holders(venue)).toEqual({});
    expect(await bookingOf(claim.id)).toMatchObject({ status: 'failed', released: true });
  });

  it('a booking that is not claiming is left alone, however old', async () => {
    const { venue, booking } = await pendingBooking();
    const { result, ops } = await counted(() => settleStale(booking, Date.parse(booking.startsAt) + 1));
    expect(result).toBe('none');
    expect(ops).toEqual([]);
    expect(Object.values(await holders(venue))).toEqual([booking.id, booking.id]);
  });
});

describe('the repair (reconcileService)', () => {
  it('a claim it finishes is counted among the day’s requested bookings, once', async () => {
    const requested = async () => (await readDay(districtDay(0))).counters['bookings.requested'] ?? 0;
    const { claim } = await deadClaim('venues.book.afterSlot');
    const before = await requested();
    expect(await reconcileService.repair(stale())).toMatchObject({ intentsFinished: 1 });
    expect((await bookingOf(claim.id)).status).toBe('pending');
    expect(await requested()).toBe(before + 1);
    await suite.app.indexesSettled();
    expect(await reconcileService.repair(stale())).toEqual(NOTHING);
    expect(await requested()).toBe(before + 1);
  });

  it('passes by a claim the index still lists that is gone, and a release the index still lists that is done', async () => {
    await suite.app.indexesSettled();
    await reconcileService.repair(stale()); // nothing left over from the tests before
    const { claim } = await deadClaim();
    const { venue, booking } = await pendingBooking();
    const cancelled = await cancelledUnreleased(booking);
    await suite.app.indexesSettled();
    // The claim's item goes (an account's erasure), the cancel's release is done; the index shows neither yet.
    await db().send(new DeleteCommand({ TableName: tableName(), Key: bookingKey(claim.id) }));
    expect(await releaseAll(cancelled)).toBe(2);
    expect(await reconcileService.repair(stale())).toEqual(NOTHING);
    expect(await holders(venue)).toEqual({});
    expect(await bookingOf(booking.id)).toMatchObject({ status: 'cancelled', released: true });
  });
});

describe('the sweep and the scheduled run (reconcileService)', () => {
  /** A half hour held by a booking the reconciler rolled back: what a request that was too slow leaves. */
  async function orphan() {
    const { venue, claim } = await deadClaim();
    expect((await rollBack(claim, Date.now()))?.status).toBe('failed');
    expect(await slotStore.take(venue, claim.startsAt, claim.id, new Date().toISOString())).toBe(true);
    expect((await audit(venue)).orphans).toEqual([claim.startsAt]);
    return { venue, claim: claim as BookingRecord };
  }

  it('frees a slot held by a closed booking up to a day after it began, and leaves older ones as history', async () => {
    const { venue, claim } = await orphan();
    const start = Date.parse(claim.startsAt);
    expect(await reconcileService.sweepVenue(venue, start + 25 * 3600_000)).toBe(0);
    expect((await audit(venue)).orphans).toEqual([claim.startsAt]);
    expect(await reconcileService.sweepVenue(venue, start + 3600_000)).toBe(1);
    expect((await audit(venue)).orphans).toEqual([]);
  });

  it('the scheduled run repairs, sweeps every venue, reports and logs what it did; a run with nothing to do logs nothing', async () => {
    await suite.app.indexesSettled();
    await reconcileService.runScheduled(stale()); // nothing left over from the tests before
    const first = await orphan();
    const second = await orphan();
    const { claim } = await deadClaim('venues.book.afterSlot');
    const info = jest.spyOn(logger, 'info');
    // Now the claim may belong to a live request: only the sweep has work.
    const swept = { ...NOTHING, slotsFreed: 2 };
    expect(await reconcileService.runScheduled(Date.now())).toEqual(swept);
    expect([(await audit(first.venue)).orphans, (await audit(second.venue)).orphans]).toEqual([[], []]);
    // Once stale, the claim is finished; nothing is left to sweep.
    const repaired = { ...NOTHING, intentsFinished: 1, slotsFreed: 0 };
    expect(await reconcileService.runScheduled(stale())).toEqual(repaired);
    expect((await bookingOf(claim.id)).status).toBe('pending');
    await suite.app.indexesSettled();
    expect(await reconcileService.runScheduled(stale())).toEqual({ ...NOTHING, slotsFreed: 0 });
    expect(info.mock.calls.filter(([message]) => message === 'venues.reconciled')).toEqual([
      ['venues.reconciled', swept],
      ['venues.reconciled', repaired],
    ]);
  });
});
