// Closing an account (DELETE /v1/me), the features added in round 4: upcoming venue bookings cancelled with their time
// free for someone else, upcoming duty appointments cancelled with the place back on the shift, open service requests
// withdrawn, the merchant application's contact erased, the person's text gone from the export and staff views; the
// retry of DELETE /v1/me with the token that closed the account answering 204 (and finishing a crashed closing); and
// the closing's crash safety where it frees booked time.
import { allianceReconciler } from '../../functions/alliance/reconcileService';
import { UnavailableError } from '../../functions/lib/errors';
import { armFailpoint, armFailpointError, disarmAllFailpoints } from '../../functions/lib/faults';
import { readUserRecord } from '../../functions/lib/principal';
import { requestStore } from '../../functions/services/requestStore';
import { bookingStore } from '../../functions/venues/bookingStore';
import { ACCOUNT_DATA_SECTIONS } from '../../functions/users/accountData';
import { finishUnfinishedClosings } from '../../functions/users/accountSteps';
import { userService } from '../../functions/users/userService';
import { startTestApp, type TestApp } from '../support/app';
import { createShift, book as bookShift, expectExact as expectShiftExact } from './duty.support';
import { at, audit, bookingBody } from './venues.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('closing_staff', ['staff']);
});
afterAll(async () => {
  disarmAllFailpoints();
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const ERASED = '已注销用户';
let venues = 0;
async function newVenue(): Promise<string> {
  const res = await app.request('POST', '/v1/venues', {
    token: staff.token,
    body: {
      name: `注销测试会议室 ${++venues}`,
      kind: 'centre_room',
      address: '新威路 17 号',
      capacity: 30,
      opensAt: '08:00',
      closesAt: '20:00',
    },
  });
  expect(res.status).toBe(201);
  return res.body.venue.id as string;
}

const bookVenue = (token: string, venueId: string, from: string, to: string) =>
  app.request('POST', `/v1/venues/${venueId}/bookings`, {
    token,
    body: bookingBody(at(3, from), at(3, to), {
      organisation: '王家长个人',
      purpose: '家庭聚会 13812345678',
    }),
  });

/** The sections of the export a closed account would get, read straight from each feature. */
async function exportedSections(userId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const section of ACCOUNT_DATA_SECTIONS) out[section.name] = await section.exportFor(userId);
  return out;
}

/** A user with an upcoming pending and approved booking, an appointment, two open requests and an application. */
async function busyUser(openid: string) {
  const user = await app.login(openid);
  const venueId = await newVenue();
  const pending = await bookVenue(user.token, venueId, '09:00', '10:00');
  expect(pending.status).toBe(201);
  const approved = await bookVenue(user.token, venueId, '14:00', '15:00');
  expect(approved.status).toBe(201);
  const decision = await app.request('POST', `/v1/admin/bookings/${approved.body.booking.id}/decision`, {
    token: staff.token,
    body: { decision: 'approve' },
  });
  expect(decision.status).toBe(200);
  const shift = await createShift(app, staff.token, { capacity: 1 });
  expect((await bookShift(app, shift.id, user.token, '个体户如何申请减免？电话 13812345678')).status).toBe(
    201,
  );
  const requests = [];
  for (const description of ['想咨询研发费用加计扣除', '想了解创业补贴']) {
    const res = await app.request('POST', '/v1/service-requests', {
      token: user.token,
      body: { itemId: 'policy-tax', description, contact: '13812345678' },
    });
    expect(res.status).toBe(201);
    requests.push(res.body.request.id as string);
  }
  expect(
    (
      await app.request('POST', `/v1/admin/service-requests/${requests[1]}/transition`, {
        token: staff.token,
        body: { to: 'accepted' },
      })
    ).status,
  ).toBe(200);
  const applied = await app.request('POST', '/v1/merchants', {
    token: user.token,
    body: {
      name: `${openid.slice(-12)} 小卖部`,
      category: '零售',
      address: '新威路 1 号',
      contact: '13812345678',
    },
  });
  expect(applied.status).toBe(201);
  await app.indexesSettled();
  return {
    ...user,
    venueId,
    bookings: [pending.body.booking.id as string, approved.body.booking.id as string],
    shift,
    requests,
    merchantId: applied.body.merchant.id as string,
  };
}

it('cancels upcoming bookings and appointments, withdraws open requests and erases the person everywhere', async () => {
  const user = await busyUser('closing_everything');
  const before = await exportedSections(user.userId);
  expect(before.bookings).toHaveLength(2);
  expect(before.serviceRequests).toEqual(
    expect.arrayContaining([expect.objectContaining({ contact: '13812345678' })]),
  );
  expect(before.merchantApplications).toEqual([expect.objectContaining({ contact: '13812345678' })]);

  expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);

  // The time of both bookings is free, and someone else books it.
  const other = await app.login('closing_everything_neighbour');
  expect((await bookVenue(other.token, user.venueId, '09:00', '10:00')).status).toBe(201);
  expect((await bookVenue(other.token, user.venueId, '14:00', '15:00')).status).toBe(201);
  await app.indexesSettled();
  const venue = await audit(user.venueId);
  expect({ overlapping: venue.overlapping, unheld: venue.unheld, orphans: venue.orphans }).toEqual({
    overlapping: [],
    unheld: [],
    orphans: [],
  });
  // Staff see the cancelled bookings without the person's text.
  const cancelled = await app.request('GET', '/v1/admin/bookings?status=cancelled', { token: staff.token });
  const mine = cancelled.body.items.filter((b: { id: string }) => user.bookings.includes(b.id));
  expect(mine).toHaveLength(2);
  for (const b of mine)
    expect(b).toMatchObject({ organisation: ERASED, purpose: ERASED, status: 'cancelled' });

  // The shift's one place is back, and someone else takes it.
  await expectShiftExact(user.shift.id, 0);
  expect((await bookShift(app, user.shift.id, other.token)).status).toBe(201);
  const who = await app.request('GET', `/v1/duty/${user.shift.id}/appointments`, { token: staff.token });
  expect(who.body.items.map((a: { userId: string }) => a.userId)).toEqual([other.userId]);

  // Both open requests are withdrawn, without description or contact, for staff too.
  const withdrawn = await app.request('GET', '/v1/admin/service-requests?status=withdrawn', {
    token: staff.token,
  });
  const requests = withdrawn.body.items.filter((r: { id: string }) => user.requests.includes(r.id));
  expect(requests).toHaveLength(2);
  for (const r of requests) {
    expect(r).toMatchObject({ status: 'withdrawn', description: ERASED });
    expect(r.contact).toBeUndefined();
    expect(r.history.at(-1)).toMatchObject({ status: 'withdrawn', note: '账号已注销' });
  }

  // The merchant application stays for staff, without its contact.
  const pendingMerchants = await app.request('GET', '/v1/admin/merchants?status=pending', {
    token: staff.token,
  });
  const application = pendingMerchants.body.items.find((m: { id: string }) => m.id === user.merchantId);
  expect(application).toMatchObject({ name: 'g_everything 小卖部', contact: ERASED });

  // Nothing of the person is left to export.
  const after = await exportedSections(user.userId);
  expect(JSON.stringify(after)).not.toContain('13812345678');
  expect(JSON.stringify(after)).not.toContain('王家长');
  expect([after.bookings, after.serviceRequests, after.appointments]).toEqual([[], [], []]);
});

it('answers a retry of DELETE /v1/me with the same token 204, and nothing else of the account', async () => {
  const user = await app.login('closing_retry');
  // Another session of the same account (a token names its second of issue: the same second gives the same token).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = (await app.login('closing_retry')).token;
  expect(second).not.toBe(user.token);
  expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
  // The lost reply's retry: 204 again, as often as it comes.
  for (let i = 0; i < 2; i++)
    expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
  // The same token on any other route, and any other token on this one, are refused.
  expect((await app.request('GET', '/v1/me', { token: user.token })).status).toBe(401);
  expect((await app.request('GET', '/v1/me/export', { token: user.token })).status).toBe(401);
  expect((await app.request('DELETE', '/v1/me', { token: second })).status).toBe(401);
  expect((await app.request('DELETE', '/v1/me', { token: `${user.token}x` })).status).toBe(401);
  expect((await app.request('DELETE', '/v1/me')).status).toBe(401);
});

it('a retry after a crash in the middle of the closing answers 204 and finishes it at once', async () => {
  const user = await busyUser('closing_retry_crash');
  armFailpoint('account.close.after.claims');
  await expect(app.request('DELETE', '/v1/me', { token: user.token })).rejects.toThrow('injected crash');
  // The bookings were not reached yet: the time is still held.
  expect((await bookingStore.get(user.bookings[0]))!.status).toBe('pending');
  expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
  // The retry finished the closing: nothing is left for the job, the time is free.
  expect((await finishUnfinishedClosings({ now: Date.now() + 10 * 60_000 })).finished).toBe(0);
  for (const id of user.bookings)
    expect(await bookingStore.get(id)).toMatchObject({
      status: 'cancelled',
      released: true,
      purpose: ERASED,
    });
  await expectShiftExact(user.shift.id, 0);
});

it.each([
  'venues.close.afterStatus',
  'venues.release.afterSlot',
  'account.venues.afterCancel',
  'account.services.afterWithdrawn',
  'account.duty.afterCancel',
])(
  'a crash at %s while the closing frees booked time: the job frees it, nobody holds it twice',
  async (point) => {
    const openid = `closing_crash_${point.split('.').slice(1).join('_')}`;
    const user = await busyUser(openid);
    armFailpoint(point);
    await expect(app.request('DELETE', '/v1/me', { token: user.token })).rejects.toThrow(
      `injected crash at ${point}`,
    );
    await app.indexesSettled();
    // Whatever the crash left, the venue's invariant holds: at most one holder per half hour.
    expect((await audit(user.venueId)).overlapping).toEqual([]);
    expect((await finishUnfinishedClosings({ now: Date.now() + 10 * 60_000 })).finished).toBe(1);
    await app.indexesSettled();
    const venue = await audit(user.venueId);
    expect({ orphans: venue.orphans, held: venue.held.size }).toEqual({ orphans: [], held: 0 });
    for (const id of user.bookings)
      expect(await bookingStore.get(id)).toMatchObject({
        status: 'cancelled',
        released: true,
        organisation: ERASED,
      });
    for (const id of user.requests)
      expect(await requestStore.get(id)).toMatchObject({
        status: 'withdrawn',
        contact: null,
        description: ERASED,
      });
    const other = await app.login(`${openid}_neighbour`);
    expect((await bookVenue(other.token, user.venueId, '09:00', '15:00')).status).toBe(201);
    await expectShiftExact(user.shift.id, 0);
  },
);

it('keeps a booking whose time has begun, anonymised, and leaves its time held', async () => {
  const user = await busyUser('closing_past');
  const { closeAccount } = await import('../../functions/users/accountSteps');
  // Close as if on the day, at 09:30 district time: the 09:00 booking is under way, the 14:00 one is not.
  expect(await closeAccount(user.userId, Date.parse(at(3, '09:30')))).toBe(true);
  expect(await bookingStore.get(user.bookings[0])).toMatchObject({
    status: 'pending',
    purpose: ERASED,
    organisation: ERASED,
  });
  expect(await bookingStore.get(user.bookings[1])).toMatchObject({ status: 'cancelled', released: true });
  await app.indexesSettled();
  expect((await audit(user.venueId)).held.size).toBe(2); // 09:00 and 09:30 of the booking under way
});

it('the job finishes every closing it can, keeps one that fails for the next run, and then fails (its alarm)', async () => {
  const first = await app.login('closing_job_one');
  const second = await app.login('closing_job_two');
  for (const user of [first, second]) {
    armFailpoint('account.close.afterClosed');
    await expect(app.request('DELETE', '/v1/me', { token: user.token })).rejects.toThrow('injected crash');
  }
  // The store fails once, on whichever closing the job takes first: the other is still finished.
  armFailpointError('account.close.after.signups', () => new UnavailableError());
  const later = Date.now() + 10 * 60_000;
  await expect(finishUnfinishedClosings({ now: later })).rejects.toBeInstanceOf(UnavailableError);
  expect((await finishUnfinishedClosings({ now: later })).finished).toBe(1);
  expect((await finishUnfinishedClosings({ now: later })).finished).toBe(0);
  for (const user of [first, second])
    expect((await readUserRecord(user.userId))!).toMatchObject({ nickname: ERASED, roles: [] });
});

describe('a closed profile is never written again', () => {
  it('an edit that was under way when the account closed brings no personal data back (401, profile unchanged)', async () => {
    const user = await app.login('closing_late_edit');
    expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
    const closed = await readUserRecord(user.userId);
    expect(closed?.closedAt).toBeTruthy();
    // The edit's request passed its authentication before the closing; its write comes after.
    await expect(userService.updateProfile(user.userId, { phone: '13912345678' })).rejects.toMatchObject({
      status: 401,
      message: '账号已注销，请重新登录',
    });
    expect(await readUserRecord(user.userId)).toEqual(closed);
    // Nor does an administrator's role change reach it.
    await expect(userService.setRoles(user.userId, ['staff'])).rejects.toMatchObject({ status: 404 });
    expect(await readUserRecord(user.userId)).toEqual(closed);
  });

  it('approving the merchant application of a closed account grants no role, and the reconciler grants none either', async () => {
    const user = await app.login('closing_merchant_role');
    const applied = await app.request('POST', '/v1/merchants', {
      token: user.token,
      body: { name: '注销商户小店', category: '零售', address: '新威路 2 号', contact: '13812345679' },
    });
    expect(applied.status).toBe(201);
    expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
    const closed = await readUserRecord(user.userId);
    const decided = await app.request('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: staff.token,
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.merchant.status).toBe('approved');
    expect(await readUserRecord(user.userId)).toEqual(closed);
    expect(closed?.roles).not.toContain('merchant');
    // The repair of "approved without the role" passes it by.
    const report = await allianceReconciler.run();
    expect(report.merchantRolesGranted).toBe(0);
    expect(await readUserRecord(user.userId)).toEqual(closed);
  });
});
