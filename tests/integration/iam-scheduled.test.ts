// Every scheduled function run as deployed: its role's grants (serverless.yml's inherited statements plus its own
// iamRoleStatements) enforced on the store client (tests/support/iamGuard.ts), after a day of activity, at the
// moments its work falls due (now, ten minutes on, a day and more on). The embedded store checks no permissions, so a
// job calling what its role lacks would pass every other test and fail on every run on AWS.
import { loadHandler } from '../../infra/local/gateway';
import { seedDemoData } from '../../infra/local/seed';
import { scheduledFunctions } from '../../infra/local/serverlessConfig';
import { startTestApp, type TestApp } from '../support/app';
import { fakeDateAt, realDate } from '../support/fakeDate';
import { asDeployed } from '../support/iamGuard';
import { createEvent, inDays } from './events.support';
import { createSpace, doorToken, staffTokens, checkIn } from './spaces.support';

jest.setTimeout(120_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  realDate();
  await app.close();
});

it('every scheduled function does its work with only what its role grants', async () => {
  await seedDemoData(() => {});
  const staff = await staffTokens(app);
  const member = await app.login('iam_member');
  const leaver = await app.login('iam_leaver');
  // A day of activity whose follow-ups the jobs do: reminders, promotions, automatic check-out, closing sweeps.
  const event = await createEvent(app, staff.staff, {
    capacity: 1,
    startsAt: inDays(1, 2),
    endsAt: inDays(1, 4),
  });
  for (const who of [member, leaver])
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: who.token,
      body: { subscribe: true, contactName: '张三' },
    });
  const space = await createSpace(app, staff.admin, { capacity: 5 });
  for (const who of [member, leaver])
    expect(
      (await checkIn(app, who.token, space.id, await doorToken(app, staff.staff, space.id))).status,
    ).toBe(201);
  expect((await app.request('DELETE', '/v1/me', { token: leaver.token })).status).toBe(204);
  await app.indexesSettled();

  const denied: string[] = [];
  const start = Date.now();
  for (const at of [start, start + 10 * 60_000, start + 26 * 3600_000, start + 3 * 86400_000]) {
    fakeDateAt(at);
    for (const job of scheduledFunctions()) {
      const handler = (await loadHandler(job.handler)) as unknown as (event: unknown) => Promise<unknown>;
      await asDeployed(
        job.functionName,
        () => handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }),
        denied,
      ).catch((err: Error) => {
        // Another failure (e.g. a 503 a job leaves for its next run) is not this test's; a refusal is in `denied`.
        if (err.name !== 'AccessDeniedException') return;
      });
    }
    realDate();
    await app.indexesSettled();
  }
  expect([...new Set(denied)]).toEqual([]);
});
