// Your data (1.1): GET /v1/me/export and DELETE /v1/me — the account closed at once (tokens refused), seats freed to
// the waiting list through the seat steps, children's data and phones erased, messages kept without an author, claims
// kept countable without a claimant, open check-ins ended, and a new empty account on the next sign-in.
import { signupStore } from '../../functions/events/signupStore';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { readUserRecord } from '../../functions/lib/principal';
import { finishUnfinishedClosings } from '../../functions/users/accountSteps';
import { PRIVACY_POLICY_VERSION } from '../../shared/api/users';
import { startTestApp, type TestApp } from '../support/app';
import { approvedMerchant, claim, postOffer } from './alliance.support';
import { createEvent, expectExact, inDays } from './events.support';
import { at, checkIn, doorToken, createSpace, resetClock, setClock } from './spaces.support';

jest.setTimeout(60_000); // many requests per test, on a shared CI machine

let app: TestApp;
let staff: { token: string; userId: string };
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('account_staff', ['staff']);
  admin = (await app.login('admin')).token;
  const mode = await app.request('PUT', '/v1/admin/settings/wall', {
    token: staff.token,
    body: { moderation: 'post' },
  });
  expect(mode.status).toBe(200);
});
afterAll(async () => {
  disarmAllFailpoints();
  resetClock();
  await app.close();
});
afterEach(() => {
  disarmAllFailpoints();
  resetClock();
});

const consent = { agreed: true, policyVersion: PRIVACY_POLICY_VERSION };
const children = [
  { name: '王小明', age: 8 },
  { name: '王小红', age: 10 },
];

/** A youth event with room for one household of two children, and a waiting list. */
const youthEvent = () =>
  createEvent(app, staff.token, {
    kind: 'youth_education',
    title: '党旗下的少年：小小讲解员',
    capacity: 2,
    minAge: 6,
    maxAge: 14,
    maxParticipantsPerSignup: 2,
  });

const signUpYouth = (eventId: string, token: string, body: Record<string, unknown> = {}) =>
  app.request('POST', `/v1/events/${eventId}/signups`, {
    token,
    body: { participants: children, guardianPhone: '13812345678', guardianConsent: consent, ...body },
  });

/** A user with something in every feature: a youth signup, a message, a claim, an open check-in. */
async function busyUser(openid: string) {
  const user = await app.login(openid);
  expect(
    (
      await app.request('PATCH', '/v1/me', {
        token: user.token,
        body: { nickname: '王家长', phone: '13812345678' },
      })
    ).status,
  ).toBe(200);
  const event = await youthEvent();
  expect((await signUpYouth(event.id, user.token)).status).toBe(201);
  const message = await app.request('POST', '/v1/messages', {
    token: user.token,
    body: { text: '家门口的红色课堂真好' },
  });
  expect(message.status).toBe(201);
  const merchant = await approvedMerchant(app, `${openid}_merchant`);
  const offer = await postOffer(app, merchant);
  const claimed = await claim(app, user.token, offer.id);
  expect(claimed.status).toBe(201);
  setClock(at('10:00'));
  const space = await createSpace(app, admin, { capacity: 5 });
  const door = await doorToken(app, staff.token, space.id);
  expect((await checkIn(app, user.token, space.id, door)).status).toBe(201);
  return { ...user, event, message: message.body.message, merchant, offer, claim: claimed.body.claim, space };
}

it('exports everything stored about the caller, children and consent included', async () => {
  const user = await busyUser('export_parent');
  await app.indexesSettled();
  const res = await app.request('GET', '/v1/me/export', { token: user.token });
  expect(res.status).toBe(200);
  expect(res.body.profile).toMatchObject({ id: user.userId, nickname: '王家长', phone: '13812345678' });
  expect(res.body.signups).toHaveLength(1);
  expect(res.body.signups[0]).toMatchObject({
    eventId: user.event.id,
    participants: children,
    guardianPhone: '13812345678',
    guardianConsent: { userId: user.userId, policyVersion: PRIVACY_POLICY_VERSION },
  });
  expect(res.body.signups[0].ticket).toBeUndefined();
  expect(res.body.messages.map((m: { id: string }) => m.id)).toEqual([user.message.id]);
  expect(res.body.claims.map((c: { code: string }) => c.code)).toEqual([user.claim.code]);
  expect(res.body.checkins.map((c: { spaceId: string }) => c.spaceId)).toEqual([user.space.id]);
  expect((await app.request('GET', '/v1/me/export')).status).toBe(401);
});

it('closes an account at once and erases the person, keeping seats, counts and messages', async () => {
  const user = await busyUser('closing_parent');
  const earlierToken = (await app.login('closing_parent')).token; // a second session of the same account
  const waiting = await app.login('waiting_parent');
  expect((await signUpYouth(user.event.id, waiting.token)).body.signup.status).toBe('waitlisted');
  await app.indexesSettled();

  const res = await app.request('DELETE', '/v1/me', { token: user.token });
  expect(res.status).toBe(204);

  // Every token issued before is refused.
  for (const token of [user.token, earlierToken]) {
    const me = await app.request('GET', '/v1/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  }
  // The seats went to the waiting list, exactly.
  const next = await app.request('GET', `/v1/events/${user.event.id}`, { token: waiting.token });
  expect(next.body.mySignup.status).toBe('confirmed');
  await expectExact(user.event.id);
  // Children, phone and nickname are gone from the signup; its status and seats stay.
  const signup = (await signupStore.get(user.event.id, user.userId))!;
  expect(signup).toMatchObject({ status: 'cancelled', seats: 2, participants: [], guardianPhone: null });
  expect(signup.nickname).toBe('已注销用户');
  expect(signup.openid).toBeUndefined();
  // The profile keeps no personal data.
  const record = (await readUserRecord(user.userId))!;
  expect(record).toMatchObject({ nickname: '已注销用户', phone: null, identity: null, roles: [] });
  expect(record.closedAt).toBeTruthy();
  expect(record.openid).toBeUndefined();
  // The message stays, with no author, for everyone (staff too).
  for (const token of [waiting.token, staff.token]) {
    const wall = await app.request('GET', '/v1/messages', { token });
    const kept = wall.body.items.find((m: { id: string }) => m.id === user.message.id);
    expect(kept).toMatchObject({ text: '家门口的红色课堂真好', author: null, mine: false });
  }
  // The claim still counts for the merchant, and points to nobody.
  const offer = await app.request('GET', `/v1/offers/${user.offer.id}`, { token: user.merchant.token });
  expect(offer.body.offer.claimed).toBe(1);
  const atTill = await app.request('POST', '/v1/redemptions', {
    token: user.merchant.token,
    body: { code: user.claim.code },
  });
  expect(atTill.status).toBe(200);
  // The open check-in was ended: the space is empty again.
  const space = await app.request('GET', `/v1/spaces/${user.space.id}`, { token: waiting.token });
  expect(space.body.space.occupancy).toBe(0);

  // Signing in again with the same WeChat account starts a new, empty account.
  const again = await app.login('closing_parent');
  expect(again.userId).not.toBe(user.userId);
  const fresh = await app.request('GET', '/v1/me/export', { token: again.token });
  expect(fresh.status).toBe(200);
  expect(fresh.body.profile.nickname).not.toBe('王家长');
  expect(fresh.body.profile.phone).toBeNull();
  const sections = [
    'signups',
    'messages',
    'claims',
    'checkins',
    'bookings',
    'serviceRequests',
    'appointments',
  ];
  for (const section of sections) expect(fresh.body[section]).toEqual([]);
  expect((await app.login('closing_parent')).userId).toBe(again.userId);
});

it.each(['account.close.afterClosed', 'account.events.afterCancel', 'account.close.after.signups'])(
  'a crash at %s leaves the account closed, and the job finishes the rest',
  async (point) => {
    const openid = `crash_${point.split('.').pop()}`;
    const user = await busyUser(openid);
    const waiting = await app.login(`${openid}_waiting`);
    expect((await signUpYouth(user.event.id, waiting.token)).body.signup.status).toBe('waitlisted');
    await app.indexesSettled();
    armFailpoint(point);
    await expect(app.request('DELETE', '/v1/me', { token: user.token })).rejects.toThrow(
      `injected crash at ${point}`,
    );
    // Closed from the first step: the token is refused, and the openid signs in to a new account. (A retry of the
    // DELETE itself answers 204 and finishes the closing at once: account-closing.test.ts.)
    expect((await app.request('GET', '/v1/me', { token: user.token })).status).toBe(401);
    expect((await app.login(openid)).userId).not.toBe(user.userId);
    // The job leaves a fresh closing alone (a request may still be finishing it), then finishes it.
    expect((await finishUnfinishedClosings({ now: Date.now() })).finished).toBe(0);
    expect(
      (await finishUnfinishedClosings({ now: Date.now() + 10 * 60_000 })).finished,
    ).toBeGreaterThanOrEqual(1);
    expect((await finishUnfinishedClosings({ now: Date.now() + 10 * 60_000 })).finished).toBe(0);
    const next = await app.request('GET', `/v1/events/${user.event.id}`, { token: waiting.token });
    expect(next.body.mySignup.status).toBe('confirmed');
    await expectExact(user.event.id);
    expect((await signupStore.get(user.event.id, user.userId))!.participants).toEqual([]);
    expect((await readUserRecord(user.userId))!.nickname).toBe('已注销用户');
  },
);

it('refuses a nickname the content check refuses (422, in Chinese), and keeps the old one', async () => {
  const user = await app.login('nickname_user');
  const bad = await app.request('PATCH', '/v1/me', { token: user.token, body: { nickname: '傻逼' } });
  expect(bad.status).toBe(422);
  expect(bad.body.error.code).toBe('CONTENT_REJECTED');
  expect(bad.body.error.message).toMatch(/昵称/);
  const me = await app.request('GET', '/v1/me', { token: user.token });
  expect(me.body.user.nickname).not.toBe('傻逼');
  const good = await app.request('PATCH', '/v1/me', { token: user.token, body: { nickname: '环翠楼居民' } });
  expect(good.status).toBe(200);
  expect(good.body.user.nickname).toBe('环翠楼居民');
});

it('a started event keeps its signup (attendance history) but not the person', async () => {
  const user = await app.login('past_parent');
  const event = await createEvent(app, staff.token, { startsAt: inDays(1), endsAt: inDays(1, 2) });
  expect(
    (await app.request('POST', `/v1/events/${event.id}/signups`, { token: user.token, body: {} })).status,
  ).toBe(201);
  await app.indexesSettled();
  // Close as if a day later, when the event is under way: the signup stays confirmed.
  const { closeAccount } = await import('../../functions/users/accountSteps');
  expect(await closeAccount(user.userId, Date.parse(inDays(1, 1)))).toBe(true);
  const signup = (await signupStore.get(event.id, user.userId))!;
  expect(signup).toMatchObject({ status: 'confirmed', nickname: '已注销用户' });
  expect((await app.request('GET', '/v1/me', { token: user.token })).status).toBe(401);
});
