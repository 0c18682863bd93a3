// Automatic check-out: open check-ins close at closing time (or after 12 h without hours); occupancy stops counting
// them at that moment, before the scheduled job runs; a full space frees such places for a newcomer.
import { checkinStore } from '../../functions/spaces/checkinStore';
import { startTestApp, type TestApp } from '../support/app';
import {
  at,
  audit,
  checkIn,
  checkOut,
  createSpace,
  doorToken,
  resetClock,
  runMaintenance,
  setClock,
  staffTokens,
  type Staff,
} from './spaces.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: Staff;
beforeAll(async () => {
  app = await startTestApp();
  staff = await staffTokens(app);
});
afterAll(async () => {
  resetClock();
  await app.close();
});
afterEach(() => resetClock());

it('closes at closing time: not counted after it, then closed by the job with the closing time', async () => {
  const space = await createSpace(app, staff.admin, { opensAt: '09:00', closesAt: '18:00', capacity: 5 });
  const door = await doorToken(app, staff.staff, space.id);
  const { token } = await app.login('stayer');
  setClock(at('10:00'));
  const checkin = (await checkIn(app, token, space.id, door)).body.checkin;
  expect(checkin.autoCheckoutAt).toBe(new Date(at('18:00')).toISOString());

  setClock(at('17:59'));
  expect((await app.request('GET', `/v1/spaces/${space.id}`, { token })).body).toMatchObject({
    space: { occupancy: 1 },
    myCheckin: { id: checkin.id },
  });

  setClock(at('18:01'));
  const after = await app.request('GET', `/v1/spaces/${space.id}`, { token });
  expect(after.body).toMatchObject({ space: { occupancy: 0 }, myCheckin: null });
  expect(
    (await app.request('GET', '/v1/spaces?limit=100')).body.items.find(
      (s: { id: string }) => s.id === space.id,
    ).occupancy,
  ).toBe(0);
  expect((await audit(space.id)).counter).toBe(1); // the job has not run yet

  await runMaintenance(at('18:05'));
  expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
  const history = (await app.request('GET', '/v1/me/checkins', { token })).body.items[0];
  expect(history).toMatchObject({
    id: checkin.id,
    status: 'out',
    closedBy: 'auto',
    checkedOutAt: new Date(at('18:00')).toISOString(),
  });
  // Pressing 签退 afterwards answers the visit as it ended (a repeat-safe check-out), not 404.
  const late = await checkOut(app, token, space.id);
  expect(late.status).toBe(200);
  expect(late.body.checkin).toMatchObject({ id: checkin.id, status: 'out', closedBy: 'auto' });
});

it('closes after 12 hours in a space without hours', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 5 });
  const door = await doorToken(app, staff.staff, space.id);
  const { token } = await app.login('night_owl');
  setClock(at('20:00'));
  const checkin = (await checkIn(app, token, space.id, door)).body.checkin;
  expect(checkin.autoCheckoutAt).toBe(new Date(at('08:00', '2026-12-02')).toISOString());
  setClock(at('07:59', '2026-12-02'));
  expect((await app.request('GET', `/v1/spaces/${space.id}`)).body.space.occupancy).toBe(1);
  setClock(at('08:01', '2026-12-02'));
  expect((await app.request('GET', `/v1/spaces/${space.id}`)).body.space.occupancy).toBe(0);
  // Checking out late records the automatic time, not the press of the button.
  const out = await checkOut(app, token, space.id);
  expect(out.status).toBe(200);
  expect(out.body.checkin).toMatchObject({
    status: 'out',
    closedBy: 'auto',
    checkedOutAt: checkin.autoCheckoutAt,
  });
  expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
});

it('a newcomer meeting a full space frees the overdue places first (same code as the job)', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 2 });
  const door = await doorToken(app, staff.staff, space.id);
  const [a, b, c] = await Promise.all(
    ['over_a', 'over_b', 'over_c'].map(async (n) => (await app.login(n)).token),
  );
  setClock(at('06:00'));
  await checkIn(app, a, space.id, door);
  setClock(at('12:00'));
  await checkIn(app, b, space.id, door);
  setClock(at('17:00'));
  expect((await checkIn(app, c, space.id, door)).body.error.code).toBe('SPACE_FULL');
  setClock(at('18:30')); // a's 12 hours are over, b's are not
  const res = await checkIn(app, c, space.id, door);
  expect(res.status).toBe(201);
  expect(res.body.space.occupancy).toBe(2);
  expect(await audit(space.id)).toMatchObject({ counter: 2, open: 2, intents: 0 });
  const aHistory = (await app.request('GET', '/v1/me/checkins', { token: a })).body.items[0];
  expect(aHistory).toMatchObject({ status: 'out', closedBy: 'auto' });
});

it('scanning again after the automatic check-out opens a new visit', async () => {
  const space = await createSpace(app, staff.admin, { opensAt: '08:00', closesAt: '20:00' });
  const door = await doorToken(app, staff.staff, space.id);
  const { token } = await app.login('returner');
  setClock(at('19:00'));
  const first = (await checkIn(app, token, space.id, door)).body.checkin;
  setClock(at('09:00', '2026-12-02'));
  const second = await checkIn(app, token, space.id, door);
  expect(second.status).toBe(201);
  expect(second.body.checkin.id).not.toBe(first.id);
  expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1, intents: 0 });
  const visits = (await app.request('GET', '/v1/me/checkins', { token })).body.items;
  expect(visits.map((v: { status: string }) => v.status)).toEqual(['in', 'out']);
});

it('the job and the user closing the same overdue check-in at once free the place once', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 3 });
  const door = await doorToken(app, staff.staff, space.id);
  const tokens = await Promise.all(['both_a', 'both_b'].map(async (n) => (await app.login(n)).token));
  setClock(at('01:00'));
  for (const t of tokens) await checkIn(app, t, space.id, door);
  setClock(at('14:00'));
  const [out] = await Promise.all([
    checkOut(app, tokens[0], space.id),
    runMaintenance(at('14:00')),
    checkOut(app, tokens[1], space.id),
  ]);
  expect([200, 404]).toContain(out.status);
  expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
});

it('scanning while a live closer is closing the overdue visit answers 503, not that visit; then a new visit', async () => {
  const space = await createSpace(app, staff.admin, { opensAt: '08:00', closesAt: '20:00' });
  const door = await doorToken(app, staff.staff, space.id);
  const { token, userId } = await app.login('rescanner');
  setClock(at('19:00'));
  const first = (await checkIn(app, token, space.id, door)).body.checkin;
  setClock(at('09:00', '2026-12-02'));
  // The job has claimed the overdue visit and is closing it (its claim is fresh).
  const open = (await checkinStore.getOpen(space.id, userId))!;
  const claimed = await checkinStore.claimClose(open, {
    closerId: 'job',
    now: at('09:00', '2026-12-02'),
    staleBefore: at('08:59', '2026-12-02'),
    reason: 'auto',
    checkedOutAt: open.autoOutAt,
  });
  expect(claimed).toBe(true);
  const meanwhile = await checkIn(app, token, space.id, door);
  expect([meanwhile.status, meanwhile.body.error?.code]).toEqual([503, 'UNAVAILABLE']);
  // Once the claim is past its lease (the closer died), the scan takes it over, closes it and opens a new visit.
  setClock(at('09:02', '2026-12-02'));
  const again = await checkIn(app, token, space.id, door);
  expect(again.status).toBe(201);
  expect(again.body.checkin.id).not.toBe(first.id);
  expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1, intents: 0 });
});
