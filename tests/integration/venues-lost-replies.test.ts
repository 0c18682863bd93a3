// A write the store applied but whose reply was lost: the store client sends it again (its retries), and the copy is
// refused by the original. A staff decision or a cancel whose status change went through must see that the booking
// is in that status by its own write and go on — tell the booker (消息), count the figures, free the time — not
// answer 409 BOOKING_CLOSED for a decision it made. Simulated by a store method that applies the write, then
// reports the refusal of its copy (as tests/integration/events-lost-replies.test.ts).
import { bookingStore } from '../../functions/venues/bookingStore';
import { inboxOf } from './inbox.support';
import { at, audit, book, venuesSuite } from './venues.support';
import { loseNextReply } from '../support/lostReply';

jest.setTimeout(60_000);

const suite = venuesSuite();
afterEach(() => jest.restoreAllMocks());

async function pendingBooking(day: number) {
  const venue = await suite.newVenue();
  const booker = await suite.newUser();
  const res = await book(suite, booker.token, venue, at(day, '10:00'), at(day, '11:00'));
  expect([res.status, res.body.booking.status]).toEqual([201, 'pending']);
  return { venue, booker, id: res.body.booking.id as string };
}

const decide = (id: string, body: object, key: string) =>
  suite.app.request('POST', `/v1/admin/bookings/${id}/decision`, {
    token: suite.staff.token,
    body,
    headers: { 'Idempotency-Key': key },
  });

const kinds = async (token: string) => (await inboxOf(suite.app, token)).items.map((n) => n.kind);

it('an approval whose status change was applied answers 200 approved, and the booker is told', async () => {
  const { booker, id } = await pendingBooking(3);
  const lost = loseNextReply(bookingStore, 'transition');
  const res = await decide(id, { decision: 'approve' }, 'venues-lost-approve');
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.booking?.status]).toEqual([200, 'approved']);
  expect(await kinds(booker.token)).toEqual(['booking_approved']);
});

it('a decline whose status change was applied answers 200 declined, frees the time, and the booker is told', async () => {
  const { venue, booker, id } = await pendingBooking(4);
  const lost = loseNextReply(bookingStore, 'transition');
  const res = await decide(id, { decision: 'decline', reason: '当天场地检修' }, 'venues-lost-decline');
  expect(lost).toHaveBeenCalledTimes(1);
  expect(res.body.booking).toMatchObject({ status: 'declined', reason: '当天场地检修' });
  expect(res.status).toBe(200);
  expect(await kinds(booker.token)).toEqual(['booking_declined']);
  const state = await audit(venue);
  expect([state.held.size, state.orphans]).toEqual([0, []]);
  expect(state.bookings.map((b) => [b.status, b.released])).toEqual([['declined', true]]);
});

it('a cancel whose status change was applied frees the time at once (not left for the reconciler)', async () => {
  const { venue, booker, id } = await pendingBooking(5);
  const lost = loseNextReply(bookingStore, 'transition');
  const res = await suite.app.request('DELETE', `/v1/bookings/${id}`, { token: booker.token });
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.booking?.status]).toEqual([200, 'cancelled']);
  const state = await audit(venue);
  expect([state.held.size, state.orphans]).toEqual([0, []]);
  const other = await suite.newUser();
  expect((await book(suite, other.token, venue, at(5, '10:00'), at(5, '11:00'))).status).toBe(201);
});
