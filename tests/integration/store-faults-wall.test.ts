// Issue 17, store faults — wall likes. 20% of the handlers' store calls fail (throttles, timeouts, errors after the
// write was applied; tests/support/storeFaults.ts, fixed seed, printed) while 16 users like one message at once and
// every third of them then unlikes it (likes are PUT/DELETE, the same request repeated on a 503). Every reply is a
// success or a 503 with Retry-After; after the sweeper: the counter equals the liked items, no intent, no marker, and
// each user's like is what their last action said.
import { repairLikes, sweepLikes } from '../../functions/wall/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import type { StoreFaults } from '../support/storeFaults';
import { client, describeRun, runClients } from './store-faults.support';
import { expectSettled, likedBy, publishedMessage } from './wallLikes.support';

jest.setTimeout(120_000);

let app: TestApp;
let faults: StoreFaults;
beforeAll(async () => {
  app = await startTestApp({ storeFaults: { rate: 0.2 } });
  faults = app.storeFaults!;
  const staff = await app.userWithRoles('faults_wall_staff', ['staff']);
  await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
});
afterAll(async () => {
  faults.disable();
  await app.close();
});

const LIKERS = 16;
const LATER = 3 * 60 * 1000; // past the like intents' lease: what a failed request left is finished

it('16 likes and 6 unlikes at once under 20% store faults: the counter equals the liked items', async () => {
  const id = await publishedMessage(app);
  const users = await Promise.all(Array.from({ length: LIKERS }, (_, i) => app.login(`faults_wl_${i}`)));
  let runs = 0;
  const reconcile = async () => {
    const now = Date.now() + ++runs * LATER;
    await repairLikes(id, now);
    await sweepLikes(now);
  };
  const unlikes = (i: number) => i % 3 === 0;
  const clients = users.map((u, i) =>
    client(
      { name: `like ${i}`, send: () => app.request('PUT', `/v1/messages/${id}/like`, { token: u.token }) },
      ...(unlikes(i)
        ? [
            {
              name: `unlike ${i}`,
              send: () => app.request('DELETE', `/v1/messages/${id}/like`, { token: u.token }),
            },
          ]
        : []),
    ),
  );
  const run = await runClients(clients, faults, { between: reconcile });
  console.log(describeRun('wall likes', run, faults));
  expect(run.violations).toEqual([]);
  // Each acknowledged answer says what the user did.
  for (const [i, c] of clients.entries()) {
    expect(c.finals[0].body.likedByMe).toBe(true);
    if (unlikes(i)) expect(c.finals[1].body.likedByMe).toBe(false);
  }

  await reconcile();
  const expected = users.filter((_, i) => !unlikes(i)).length;
  await expectSettled(id, expected);
  for (const [i, u] of users.entries()) expect(await likedBy(id, u.userId)).toBe(!unlikes(i));
  expect(faults.injected.after).toBeGreaterThan(0);
});
