// No double booking under concurrency: 30 simultaneous requests for overlapping times in one room → exactly one
// holds it; 100 simultaneous bookings of distinct half hours → all succeed. Index queries lag 200 ms.
import { at, audit, book, venuesSuite } from './venues.support';

jest.setTimeout(60_000);

const suite = venuesSuite({ indexLagMs: 200 });

it('30 concurrent overlapping requests: exactly one holds the room, the rest get 409 SLOT_TAKEN', async () => {
  const venue = await suite.newVenue();
  const users = await Promise.all(Array.from({ length: 30 }, () => suite.newUser()));
  // Every request covers 12:00–12:30, starting and ending at different half hours around it.
  const times = users.map((_, i) => {
    const before = i % 4;
    const after = Math.floor(i / 4) % 4;
    const start = 12 * 60 - before * 30;
    const end = 12 * 60 + 30 + after * 30;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'}`;
    return [at(2, hhmm(start)), at(2, hhmm(end))];
  });
  const replies = await Promise.all(
    users.map((u, i) => book(suite, u.token, venue, times[i][0], times[i][1])),
  );
  const statuses = replies.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(29);
  expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'SLOT_TAKEN')).toBe(true);

  await suite.app.indexesSettled();
  const state = await audit(venue);
  const winner = replies.find((r) => r.status === 201)!.body.booking;
  expect(state.active.map((b) => b.id)).toEqual([winner.id]);
  expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
  // Only the winner's half hours are held: the losers gave back what they took.
  expect([...new Set(state.held.values())]).toEqual([winner.id]);
  expect(state.bookings.filter((b) => b.status === 'failed' && !b.released)).toEqual([]);
});

it('100 concurrent bookings of distinct half hours all succeed', async () => {
  const venue = await suite.newVenue();
  const users = await Promise.all(Array.from({ length: 100 }, () => suite.newUser()));
  const replies = await Promise.all(
    users.map((u, i) => {
      const day = 1 + Math.floor(i / 24);
      const minutes = 8 * 60 + (i % 24) * 30;
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'}`;
      return book(suite, u.token, venue, at(day, hhmm(minutes)), at(day, hhmm(minutes + 30)));
    }),
  );
  expect(replies.map((r) => r.status)).toEqual(Array(100).fill(201));
  await suite.app.indexesSettled();
  const state = await audit(venue);
  expect([state.active.length, state.held.size]).toEqual([100, 100]);
  expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
});
