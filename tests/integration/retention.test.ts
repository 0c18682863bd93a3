// Children's data (1.1): the guardian's consent is required and stored; names and ages are erased 30 days after the
// event ended (a job with a clock the test sets; the seats stay); staff see guardian phones masked except on the
// roll-call of the event's own day (district time, UTC+8).
import { attendanceService, phoneVisible } from '../../functions/events/attendanceService';
import { retentionService } from '../../functions/events/retentionService';
import { signupStore } from '../../functions/events/signupStore';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { PRIVACY_POLICY_VERSION } from '../../shared/api/users';
import { startTestApp, type TestApp } from '../support/app';
import { CONSENT, createEvent, expectExact, inDays } from './events.support';

jest.setTimeout(60_000); // many requests per test, on a shared CI machine

let app: TestApp;
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('retention_staff', ['staff']);
});
afterAll(async () => {
  disarmAllFailpoints();
  await app.close();
});

const DAY = 86400000;
const youth = (overrides: Record<string, unknown> = {}) =>
  createEvent(app, staff.token, {
    kind: 'youth_education',
    title: '党旗下的少年：红色故事会',
    capacity: 6,
    minAge: 6,
    maxAge: 12,
    maxParticipantsPerSignup: 3,
    ...overrides,
  });
const kids = [
  { name: '李小华', age: 7 },
  { name: '李小明', age: 9 },
];
const signUp = (eventId: string, token: string, body: Record<string, unknown>) =>
  app.request('POST', `/v1/events/${eventId}/signups`, { token, body });

describe('guardian consent', () => {
  it('refuses a youth sign-up without consent, unticked, or for another policy version (422, nothing written)', async () => {
    const event = await youth();
    const parent = await app.login('consent_parent');
    const base = { participants: kids, guardianPhone: '13800001234' };
    const refusals = [
      base,
      { ...base, guardianConsent: { agreed: false, policyVersion: PRIVACY_POLICY_VERSION } },
      { ...base, guardianConsent: { agreed: true, policyVersion: '2020-01-01' } },
      { ...base, guardianConsent: false },
      { ...base, guardianConsent: 'true' },
    ];
    for (const body of refusals) {
      const res = await signUp(event.id, parent.token, body);
      expect(res.status).toBe(422);
      const [field, reason] = Object.entries(res.body.error.fields as Record<string, string>)[0];
      expect(field).toMatch(/^guardianConsent/);
      expect(reason).toMatch(/同意/);
    }
    expect((await expectExact(event.id)).signups).toHaveLength(0);
  });

  it('stores who consented, when, and to which version; the guardian and staff see it', async () => {
    const event = await youth();
    const parent = await app.login('consenting_parent');
    const before = Date.now();
    const res = await signUp(event.id, parent.token, {
      participants: kids,
      guardianPhone: '13800001234',
      ...CONSENT,
    });
    expect(res.status).toBe(201);
    const stored = (await signupStore.get(event.id, parent.userId))!;
    expect(stored.guardianConsent).toEqual({
      userId: parent.userId,
      at: expect.any(String),
      policyVersion: PRIVACY_POLICY_VERSION,
    });
    expect(Date.parse(stored.guardianConsent!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.signup.guardianConsent).toEqual(stored.guardianConsent);
    const list = await app.request('GET', `/v1/events/${event.id}/signups`, { token: staff.token });
    expect(list.body.items[0].guardianConsent).toEqual(stored.guardianConsent);
  });

  it('takes `guardianConsent: true`, the contract’s form (API.md), as consent to the version in force', async () => {
    const event = await youth();
    const parent = await app.login('contract_consent_parent');
    const res = await signUp(event.id, parent.token, {
      participants: kids,
      guardianPhone: '13800001234',
      guardianConsent: true,
    });
    expect(res.status).toBe(201);
    const stored = (await signupStore.get(event.id, parent.userId))!;
    expect(stored.guardianConsent).toEqual({
      userId: parent.userId,
      at: expect.any(String),
      policyVersion: PRIVACY_POLICY_VERSION,
    });
    expect(res.body.signup.guardianConsent).toEqual(stored.guardianConsent);
  });

  it('other kinds need no consent, and ignore one given (the contract’s `false` too)', async () => {
    const lesson = await createEvent(app, staff.token);
    const user = await app.login('lesson_goer');
    expect((await signUp(lesson.id, user.token, {})).status).toBe(201);
    const other = await app.login('lesson_goer_unticked');
    const reply = await signUp(lesson.id, other.token, { guardianConsent: false });
    expect(reply.status).toBe(201);
    expect(reply.body.signup.guardianConsent).toBeUndefined();
  });
});

describe('guardian phones for staff', () => {
  it('are masked in the list and on roll-calls before the event day, in full on that day (district time)', async () => {
    const event = await youth({ startsAt: inDays(3), endsAt: inDays(3, 2) });
    const parent = await app.login('masked_parent');
    expect(
      (await signUp(event.id, parent.token, { participants: kids, guardianPhone: '13912345678', ...CONSENT }))
        .status,
    ).toBe(201);
    const list = await app.request('GET', `/v1/events/${event.id}/signups`, { token: staff.token });
    expect(list.body.items[0].guardianPhone).toBe('139****5678');
    const rollCalls = await app.request('GET', `/v1/events/${event.id}/rollcalls`, { token: staff.token });
    expect(rollCalls.status).toBe(200);
    expect(rollCalls.text).toContain('139****5678');
    expect(rollCalls.text).not.toContain('13912345678');
    // On the event's day the roll-call shows the phone in full (the sheet with the clock set to that day).
    const sheet = await attendanceService.rollCallSheet(event.id, Date.parse(inDays(3)));
    expect(sheet.phonesVisible).toBe(true);
    expect(sheet.rollCalls[0].missing[0].guardianPhone).toBe('13912345678');
  });

  it('the event day is the district (UTC+8) date, not the UTC one', () => {
    // Starts 09:00 district time on 1 Dec = 01:00 UTC on 1 Dec; ends 11:00 district.
    const event = { startsAt: '2026-12-01T01:00:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' };
    expect(phoneVisible(event, Date.parse('2026-11-30T16:30:00.000Z'))).toBe(true); // 00:30 on 1 Dec district
    expect(phoneVisible(event, Date.parse('2026-11-30T15:30:00.000Z'))).toBe(false); // 23:30 on 30 Nov district
    expect(phoneVisible(event, Date.parse('2026-12-01T15:59:00.000Z'))).toBe(true); // 23:59 on 1 Dec district
    expect(phoneVisible(event, Date.parse('2026-12-01T16:00:00.000Z'))).toBe(false); // 2 Dec district
  });
});

describe('retention job', () => {
  it('erases names and ages 30 days after the event ended; seats, status and other events stay', async () => {
    const ended = await youth({ startsAt: inDays(1), endsAt: inDays(1, 3) });
    const later = await youth({ startsAt: inDays(20), endsAt: inDays(20, 3) });
    const a = await app.login('retained_a');
    const b = await app.login('retained_b');
    for (const e of [ended, later])
      for (const u of [a, b])
        expect(
          (await signUp(e.id, u.token, { participants: kids, guardianPhone: '13800001234', ...CONSENT }))
            .status,
        ).toBe(201);
    await app.indexesSettled();
    const endsAt = Date.parse(inDays(1, 3));

    // 29 days after the end: nothing yet.
    expect(await retentionService.eraseExpiredChildrenData({ now: endsAt + 29 * DAY })).toEqual({
      events: 0,
      signupsErased: 0,
    });
    expect((await signupStore.get(ended.id, a.userId))!.participants).toEqual(kids);

    // A crash after the first erasure: the next run finishes the rest, once.
    armFailpoint('events.retention.afterSignupErased');
    await expect(retentionService.eraseExpiredChildrenData({ now: endsAt + 31 * DAY })).rejects.toThrow(
      'injected crash',
    );
    const report = await retentionService.eraseExpiredChildrenData({ now: endsAt + 31 * DAY });
    expect(report).toEqual({ events: 1, signupsErased: 1 });
    for (const u of [a, b]) {
      const signup = (await signupStore.get(ended.id, u.userId))!;
      expect(signup).toMatchObject({ status: 'confirmed', seats: 2, participants: [] });
      expect(signup.participantsErasedAt).toBeTruthy();
      expect((await signupStore.get(later.id, u.userId))!.participants).toEqual(kids);
    }
    const shown = await app.request('GET', `/v1/events/${ended.id}`, { token: a.token });
    expect(shown.body.event.seatsTaken).toBe(4);
    expect(shown.body.mySignup.participants).toBeUndefined();
    expect(shown.body.mySignup.participantsErasedAt).toBeTruthy();
    await expectExact(ended.id);
    // The event is marked done: a later run leaves it alone.
    await app.indexesSettled();
    expect(await retentionService.eraseExpiredChildrenData({ now: endsAt + 31 * DAY + 3600_000 })).toEqual({
      events: 0,
      signupsErased: 0,
    });
  });
});
