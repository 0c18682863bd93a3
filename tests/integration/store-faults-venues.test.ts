// Issue 17, store faults — venue slot bookings. 20% of the handlers' store calls fail (throttles, timeouts, errors
// after the write was applied; tests/support/storeFaults.ts, fixed seed, printed) while 12 users ask for overlapping
// times around 12:00 in one room and 8 others book distinct half hours. Clients repeat a 503 with the same
// Idempotency-Key. Every reply is a success, 409 SLOT_TAKEN, or a 503 with Retry-After; after the repair and the sweep:
// exactly one overlapping booking holds the room, every distinct one holds its half hour, nothing overlaps, no slot is
// held by nobody, and the active bookings are exactly the acknowledged ones.
import { reconcileService } from '../../functions/venues/reconcileService';
import type { StoreFaults } from '../support/storeFaults';
import { client, describeRun, runClients } from './store-faults.support';
import { at, audit, bookingBody, venuesSuite } from './venues.support';

jest.setTimeout(120_000);

const suite = venuesSuite({ storeFaults: { rate: 0.2 } });
let faults: StoreFaults;
beforeAll(() => {
  faults = suite.app.storeFaults!;
});
afterAll(() => faults.disable());

const OVERLAPPING = 12;
const DISTINCT = 8;
const LATER = 3 * 60 * 1000; // past the claim's stale age: what a failed request left is finished or rolled back
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'}`;

it('12 overlapping and 8 distinct bookings under 20% store faults: one holder per half hour', async () => {
  const venue = await suite.newVenue();
  const users = await Promise.all(Array.from({ length: OVERLAPPING + DISTINCT }, () => suite.newUser()));
  // The first 12 all cover 12:00–12:30 on day 2, from different starts and ends; the others one half hour each.
  const times = users.map((_, i) => {
    if (i < OVERLAPPING) {
      const start = 12 * 60 - (i % 3) * 30;
      const end = 12 * 60 + 30 + (Math.floor(i / 3) % 4) * 30;
      return [at(2, hhmm(start)), at(2, hhmm(end))];
    }
    const start = 8 * 60 + (i - OVERLAPPING) * 30;
    return [at(3, hhmm(start)), at(3, hhmm(start + 30))];
  });
  let runs = 0;
  const reconcile = async () => {
    const now = Date.now() + ++runs * LATER;
    await reconcileService.repair(now);
    await reconcileService.sweepVenue(venue, now);
  };
  const clients = users.map((u, i) =>
    client({
      name: `book ${i}`,
      send: () =>
        suite.app.request('POST', `/v1/venues/${venue}/bookings`, {
          token: u.token,
          body: bookingBody(times[i][0], times[i][1]),
          headers: { 'idempotency-key': `faults-book-${i}` },
        }),
      expected: i < OVERLAPPING ? ['409 SLOT_TAKEN'] : [],
    }),
  );
  const run = await runClients(clients, faults, { between: reconcile });
  console.log(describeRun('venue bookings', run, faults));
  expect(run.violations).toEqual([]);
  const won = clients.flatMap((c, i) =>
    c.finals[0].status === 201 ? [{ i, id: c.finals[0].body.booking.id }] : [],
  );
  expect(won.filter(({ i }) => i < OVERLAPPING)).toHaveLength(1);
  expect(won.filter(({ i }) => i >= OVERLAPPING)).toHaveLength(DISTINCT);

  await reconcile();
  const state = await audit(venue);
  expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
  expect(state.active.map((b) => b.id).sort()).toEqual(won.map((w) => w.id).sort());
  expect(state.bookings.filter((b) => b.status === 'claiming')).toEqual([]);
  expect(faults.injected.after).toBeGreaterThan(0);
  // The Idempotency-Key records failed like the rest (lib/idempotency.ts recovers its own lost writes).
  expect(faults.keyRecordCalls).toBeGreaterThan(0);
});
