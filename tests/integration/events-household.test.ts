import { startTestApp, type TestApp } from '../support/app';
import { CONSENT } from './events.support';

// Some tests send 40–90 requests; Jest's 5 s default is too tight on a busy machine.
jest.setTimeout(60_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

it('refuses a youth household larger than the whole event instead of waitlisting it forever', async () => {
  const staff = await app.userWithRoles('household_staff', ['staff']);
  const startsAt = new Date(Date.now() + 3 * 86400000).toISOString();
  const endsAt = new Date(Date.now() + 3 * 86400000 + 7200000).toISOString();
  const created = await app.request('POST', '/v1/events', {
    token: staff.token,
    body: {
      kind: 'youth_education',
      title: '党旗下的少年：小小讲解员',
      description: '红色教育基地讲解体验',
      location: '环翠楼红色教育基地',
      startsAt,
      endsAt,
      capacity: 2,
      minAge: 6,
      maxAge: 14,
      maxParticipantsPerSignup: 3,
    },
  });
  expect(created.status).toBe(201);
  const parent = await app.login('big_family');
  const children = [
    { name: '小明', age: 8 },
    { name: '小红', age: 9 },
    { name: '小刚', age: 10 },
  ];
  const res = await app.request('POST', `/v1/events/${created.body.event.id}/signups`, {
    token: parent.token,
    body: { participants: children, guardianPhone: '13812341234', ...CONSENT },
  });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('EVENT_FULL');
  const event = await app.request('GET', `/v1/events/${created.body.event.id}`, { token: parent.token });
  expect(event.body.event.waitlistCount).toBe(0);
  expect(event.body.mySignup).toBeNull();
  const fits = await app.request('POST', `/v1/events/${created.body.event.id}/signups`, {
    token: parent.token,
    body: { participants: children.slice(0, 2), guardianPhone: '13812341234', ...CONSENT },
  });
  expect(fits.status).toBe(201);
  expect(fits.body.signup.status).toBe('confirmed');
});
