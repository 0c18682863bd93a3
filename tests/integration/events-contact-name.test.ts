// The call-out name (issue 12 defect 6): a sign-up may carry `contactName`, the name staff call out at the roll-call.
// It is stored by the sign-up's own write, shown to staff (list, roll-calls, attendance, CSV) with the nickname as
// the fallback, checked in Chinese, in the owner's export, and erased when the account closes.
import { signupStore } from '../../functions/events/signupStore';
import { startTestApp, type TestApp } from '../support/app';
import { CONSENT, createEvent, eventCalls } from './events.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('contact_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

const { signUp } = eventCalls(() => app);
const attendees = async (eventId: string) =>
  (await app.request('GET', `/v1/events/${eventId}/signups`, { token: staff.token })).body.items as Array<{
    userId: string;
    nickname: string;
    contactName?: string;
  }>;

describe('the call-out name given at sign-up', () => {
  it('is stored with the signup, trimmed, and shown to its owner and to staff; an older client gives none', async () => {
    const event = await createEvent(app, staff.token);
    const named = await app.login('contact_named');
    const older = await app.login('contact_older');
    const res = await signUp(event.id, named.token, { contactName: '  王小红 ' });
    expect(res.status).toBe(201);
    expect(res.body.signup.contactName).toBe('王小红');
    expect((await signUp(event.id, older.token)).status).toBe(201);

    const stored = await signupStore.get(event.id, named.userId);
    expect(stored?.contactName).toBe('王小红');
    const mine = await app.request('GET', `/v1/events/${event.id}`, { token: named.token });
    expect(mine.body.mySignup.contactName).toBe('王小红');

    const list = await attendees(event.id);
    const byUser = new Map(list.map((a) => [a.userId, a]));
    expect(byUser.get(named.userId)).toMatchObject({ contactName: '王小红' });
    // No name given: no field; staff fall back to the nickname.
    expect(byUser.get(older.userId)?.contactName).toBeUndefined();
    expect(byUser.get(older.userId)?.nickname).toMatch(/^商圈用户/);

    const rollCalls = await app.request('GET', `/v1/events/${event.id}/rollcalls`, { token: staff.token });
    const missing = rollCalls.body.rollCalls[0].missing as Array<{ userId: string; contactName?: string }>;
    expect(missing.find((a) => a.userId === named.userId)?.contactName).toBe('王小红');

    const marked = await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { signupId: res.body.signup.id, rollCall: 'depart' },
    });
    expect(marked.status).toBe(200);
    expect(marked.body.signup.contactName).toBe('王小红');
  });

  it('heads the CSV row (报名人), the nickname beside it, and falls back to the nickname', async () => {
    const event = await createEvent(app, staff.token);
    const named = await app.login('contact_csv_named');
    const older = await app.login('contact_csv_older');
    expect((await signUp(event.id, named.token, { contactName: '李建国' })).status).toBe(201);
    expect((await signUp(event.id, older.token)).status).toBe(201);
    const olderNickname = (await attendees(event.id)).find((a) => a.userId === older.userId)!.nickname;

    const csv = await app.request('GET', `/v1/events/${event.id}/signups?format=csv`, { token: staff.token });
    expect(csv.status).toBe(200);
    const [header, first, second] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.startsWith('序号,报名人,昵称,状态,')).toBe(true);
    expect(first).toMatch(/^1,李建国,商圈用户\w+,已报名,/);
    expect(second.startsWith(`2,${olderNickname},${olderNickname},已报名,`)).toBe(true);
  });

  it('keeps the children of a youth sign-up as they are, beside the guardian’s name', async () => {
    const event = await createEvent(app, staff.token, {
      kind: 'youth_education',
      minAge: 6,
      maxAge: 12,
      maxParticipantsPerSignup: 2,
    });
    const parent = await app.login('contact_parent');
    const res = await signUp(event.id, parent.token, {
      contactName: '张妈妈',
      participants: [{ name: '张小明', age: 8 }],
      guardianPhone: '13800001234',
      ...CONSENT,
    });
    expect(res.status).toBe(201);
    expect(res.body.signup).toMatchObject({
      contactName: '张妈妈',
      participants: [{ name: '张小明', age: 8 }],
    });
    const [row] = await attendees(event.id);
    expect(row).toMatchObject({ contactName: '张妈妈', participants: [{ name: '张小明', age: 8 }] });
  });

  it('refuses a name too long or blank with 422 and a Chinese message, and writes nothing', async () => {
    const event = await createEvent(app, staff.token);
    const user = await app.login('contact_bad');
    for (const contactName of ['名'.repeat(21), '   ']) {
      const res = await signUp(event.id, user.token, { contactName });
      expect(res.status).toBe(422);
      expect(res.body.error.fields.contactName).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.error.fields.contactName).not.toMatch(/[A-Za-z]/);
    }
    expect(await signupStore.get(event.id, user.userId)).toBeNull();
    // 20 characters (counted as characters, not bytes) is the most.
    expect((await signUp(event.id, user.token, { contactName: '名'.repeat(20) })).status).toBe(201);
  });

  it('is in the owner’s export, and erased from the signup when the account closes', async () => {
    const event = await createEvent(app, staff.token);
    const user = await app.login('contact_closing');
    expect((await signUp(event.id, user.token, { contactName: '赵六' })).status).toBe(201);
    const exported = await app.request('GET', '/v1/me/export', { token: user.token });
    expect(exported.body.signups[0]).toMatchObject({ eventId: event.id, contactName: '赵六' });

    expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
    const stored = await signupStore.get(event.id, user.userId);
    expect(stored).toMatchObject({ nickname: '已注销用户', contactName: null });
    const [row] = await attendees(event.id);
    expect(row.contactName).toBeUndefined();
    const csv = await app.request('GET', `/v1/events/${event.id}/signups?format=csv`, { token: staff.token });
    expect(csv.text).not.toContain('赵六');
  });
});

describe('the profile’s real name', () => {
  it('is the call-out name of a sign-up that gives none (an older client); a name given wins', async () => {
    const event = await createEvent(app, staff.token);
    const profiled = await app.login('contact_profiled');
    const patched = await app.request('PATCH', '/v1/me', {
      token: profiled.token,
      body: { realName: '陈美玲' },
    });
    expect(patched.status).toBe(200);
    const res = await signUp(event.id, profiled.token);
    expect(res.body.signup.contactName).toBe('陈美玲');

    const other = await createEvent(app, staff.token);
    const given = await signUp(other.id, profiled.token, { contactName: '陈老师' });
    expect(given.body.signup.contactName).toBe('陈老师');
  });
});
