// Issue 17 / 9 ("retries are normal"): a cancel or check-out repeated after its first try was applied — the client
// lost the reply, or the first try answered 503 after its write — gets the first try's success again (the same
// cancelled signup, the same closed visit, 204), with nothing applied twice, with or without an Idempotency-Key.
// Before the fix the repeat answered 404. Something never the caller's stays 404.
import { disarmAllFailpoints, armFailpointError } from '../../functions/lib/faults';
import { UnavailableError } from '../../functions/lib/errors';
import { startTestApp, type TestApp } from '../support/app';
import { audit as dutyAudit, book, cancelMine, createShift } from './duty.support';
import { createEvent, expectExact } from './events.support';
import { audit as spaceAudit, checkIn, createSpace, doorToken } from './spaces.support';

let app: TestApp;
let staff: string;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  staff = (await app.userWithRoles('settled_staff', ['staff'])).token;
  admin = (await app.login('admin')).token;
});
afterEach(() => disarmAllFailpoints());
afterAll(async () => {
  await app?.close();
});

/** The next pass of `point` fails with a store-style 503 after the writes before it were applied. */
const failAfter = (point: string) => armFailpointError(point, () => new UnavailableError());
const key = (name: string) => ({ 'Idempotency-Key': `settled-${name}` });

describe('cancel my signup (DELETE /v1/events/{id}/signups/me)', () => {
  const cancel = (eventId: string, token: string, headers?: Record<string, string>) =>
    app.request('DELETE', `/v1/events/${eventId}/signups/me`, { token, headers });

  it('a repeated cancel whose first reply was lost answers 200 with the same cancelled signup, not 404', async () => {
    const event = await createEvent(app, staff, { capacity: 2 });
    const user = await app.login('settled_ev_1');
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: user.token, body: {} })).status,
    ).toBe(201);
    const first = await cancel(event.id, user.token);
    expect(first.status).toBe(200);
    expect(first.body.signup.status).toBe('cancelled');
    const again = await cancel(event.id, user.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await expectExact(event.id)).event.seatsTaken).toBe(0);
  });

  it('a cancel that answered 503 after its write, retried with its key, gives the seats back once (was 404)', async () => {
    const event = await createEvent(app, staff, { capacity: 1, waitlist: true });
    const a = await app.login('settled_ev_a');
    const b = await app.login('settled_ev_b');
    const c = await app.login('settled_ev_c');
    for (const u of [a, b, c])
      await app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} });
    // The signup is cancelled, the seat not yet given back when the first try fails.
    failAfter('events.cancel.afterSignupCancelled');
    const first = await cancel(event.id, a.token, key('ev'));
    expect(first.status).toBe(503);
    const retry = await cancel(event.id, a.token, key('ev'));
    expect(retry.status).toBe(200);
    expect(retry.body.signup.status).toBe('cancelled');
    // The freed seat went to the first on the waiting list, once; a third repeat changes nothing.
    expect((await cancel(event.id, a.token)).body).toEqual(retry.body);
    const after = await expectExact(event.id);
    expect(after.event.seatsTaken).toBe(1);
    expect(after.ledger.intents).toEqual({});
    const confirmed = after.signups.filter((s) => s.status === 'confirmed').map((s) => s.userId);
    expect(confirmed).toEqual([b.userId]);
    expect(after.waitlisted.map((s) => s.userId)).toEqual([c.userId]);
  });

  it('a cancel of a signup never made stays 404', async () => {
    const event = await createEvent(app, staff);
    const stranger = await app.login('settled_ev_stranger');
    expect((await cancel(event.id, stranger.token)).status).toBe(404);
  });
});

describe('check-out (POST /v1/spaces/{id}/checkout)', () => {
  const checkOut = (spaceId: string, token: string, headers?: Record<string, string>) =>
    app.request('POST', `/v1/spaces/${spaceId}/checkout`, { token, headers });

  it('a repeated check-out without a key answers 200 with the same closed visit, not 404', async () => {
    const space = await createSpace(app, admin, { capacity: 2 });
    const door = await doorToken(app, staff, space.id);
    const user = await app.login('settled_sp_1');
    expect((await checkIn(app, user.token, space.id, door)).status).toBe(201);
    const first = await checkOut(space.id, user.token);
    expect(first.status).toBe(200);
    const again = await checkOut(space.id, user.token);
    expect(again.status).toBe(200);
    expect(again.body.checkin).toEqual(first.body.checkin);
    expect(again.body.space.occupancy).toBe(0);
    expect(await spaceAudit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
  });

  it('a check-out that answered 503 after deleting the open check-in, retried with its key, closes it once (was 404)', async () => {
    const space = await createSpace(app, admin, { capacity: 2 });
    const door = await doorToken(app, staff, space.id);
    const user = await app.login('settled_sp_2');
    const visit = (await checkIn(app, user.token, space.id, door)).body.checkin;
    failAfter('spaces.close.afterOpenDeleted');
    expect((await checkOut(space.id, user.token, key('sp'))).status).toBe(503);
    const retry = await checkOut(space.id, user.token, key('sp'));
    expect(retry.status).toBe(200);
    expect(retry.body.checkin).toMatchObject({ id: visit.id, status: 'out', closedBy: 'user' });
    expect(retry.body.space.occupancy).toBe(0);
    expect(await spaceAudit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
    // Checked in again: the next check-out closes the new visit.
    const next = (await checkIn(app, user.token, space.id, door)).body.checkin;
    expect((await checkOut(space.id, user.token)).body.checkin).toMatchObject({ id: next.id, status: 'out' });
  });

  it('a check-out where the caller never checked in stays 404', async () => {
    const space = await createSpace(app, admin);
    const stranger = await app.login('settled_sp_stranger');
    expect((await checkOut(space.id, stranger.token)).status).toBe(404);
  });
});

describe('duty appointment cancel (DELETE /v1/duty/{id}/appointments/me)', () => {
  it('a repeated cancel whose first reply was lost answers 204 again, not 404', async () => {
    const shift = await createShift(app, staff, { capacity: 1 });
    const user = await app.login('settled_duty_1');
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    expect((await cancelMine(app, shift.id, user.token)).status).toBe(204);
    expect((await cancelMine(app, shift.id, user.token)).status).toBe(204);
    expect(await dutyAudit(shift.id)).toMatchObject({ booked: 0, appointments: 0, intents: 0 });
  });

  it('a cancel that answered 503 after its write gives the place back once on the retry (was 404)', async () => {
    const shift = await createShift(app, staff, { capacity: 1 });
    const user = await app.login('settled_duty_2');
    const other = await app.login('settled_duty_3');
    expect((await book(app, shift.id, user.token)).status).toBe(201);
    failAfter('services.duty.cancel.afterAppointmentCancelled');
    expect((await cancelMine(app, shift.id, user.token)).status).toBe(503);
    expect((await cancelMine(app, shift.id, user.token)).status).toBe(204);
    expect(await dutyAudit(shift.id)).toMatchObject({ booked: 0, appointments: 0, intents: 0 });
    expect((await book(app, shift.id, other.token)).status).toBe(201);
  });

  it('a cancel of a shift never booked stays 404', async () => {
    const shift = await createShift(app, staff);
    const stranger = await app.login('settled_duty_stranger');
    expect((await cancelMine(app, shift.id, stranger.token)).status).toBe(404);
  });
});
