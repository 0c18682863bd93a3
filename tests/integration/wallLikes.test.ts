// Likes: one per user per message, idempotent, exact under concurrency; the recount reads what it overwrites with
// ConsistentRead, and no sweeper marker outlives the operations it was set for. Index queries lag 200 ms, as GSIs
// may on DynamoDB. Crashes and their repair: wallLikesCrash.test.ts.
import { likeStore } from '../../functions/wall/likeStore';
import { recountLikes, sweepLikes } from '../../functions/wall/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import {
  auditLikes,
  eventuallyConsistentTableReads,
  expectSettled,
  lastIntentSettle,
  like as likeOf,
  publishedMessage as newMessage,
  raceAt,
  signedIn,
  unlike as unlikeOf,
} from './wallLikes.support';

jest.setTimeout(120_000);

let app: TestApp;
let staff: { token: string; userId: string };

beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  staff = await app.userWithRoles('likes_staff', ['staff']);
  await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
});
afterAll(async () => {
  // Let the index copy catch up first, so no replication is in flight while the stores close.
  await app.indexesSettled().finally(() => app.close());
});

const like = (id: string, token: string) => likeOf(app, id, token);
const unlike = (id: string, token: string) => unlikeOf(app, id, token);
const publishedMessage = () => newMessage(app);
const tokens = async (prefix: string, n: number) => (await signedIn(app, prefix, n)).map((u) => u.token);

/** The message as the wall lists it for `token` (a listing: read once the index caught up). */
async function listed(id: string, token?: string) {
  await app.indexesSettled();
  const items = (await app.request('GET', '/v1/messages?limit=100', { token })).body.items;
  return items.find((m: { id: string }) => m.id === id);
}

describe('likes', () => {
  it('likes and unlikes idempotently, and the wall shows likedByMe per viewer', async () => {
    const id = await publishedMessage();
    const [a, b] = await tokens('likes_pair', 2);
    expect((await like(id, a)).body).toEqual({ likes: 1, likedByMe: true });
    expect((await like(id, a)).body).toEqual({ likes: 1, likedByMe: true });
    expect((await like(id, b)).body).toEqual({ likes: 2, likedByMe: true });
    expect(await listed(id, a)).toMatchObject({ likes: 2, likedByMe: true });
    const [c] = await tokens('likes_viewer', 1);
    expect(await listed(id, c)).toMatchObject({ likes: 2, likedByMe: false });
    expect((await unlike(id, a)).body).toEqual({ likes: 1, likedByMe: false });
    expect((await unlike(id, a)).body).toEqual({ likes: 1, likedByMe: false });
    expect((await like(id, a)).body).toEqual({ likes: 2, likedByMe: true });
    await expectSettled(id, 2);
  });

  it('counts exactly 100 for 100 simultaneous likes from 100 users', async () => {
    const id = await publishedMessage();
    const users = await tokens('likes_crowd', 100);
    const replies = await Promise.all(users.map((t) => like(id, t)));
    expect(replies.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(replies.every((r) => r.body.likedByMe === true)).toBe(true);
    await expectSettled(id, 100);
    expect((await listed(id)).likes).toBe(100);
  });

  it('counts 1 when the same user likes 20 times at once', async () => {
    const id = await publishedMessage();
    const [t] = await tokens('likes_eager', 1);
    const replies = await Promise.all(Array.from({ length: 20 }, () => like(id, t)));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(replies.every((r) => r.body.likedByMe === true)).toBe(true);
    await expectSettled(id, 1);
  });

  it('stays exact when 50 users like and unlike at once, some repeatedly', async () => {
    const id = await publishedMessage();
    const users = await tokens('likes_mixed', 50);
    await Promise.all(users.slice(0, 30).map((t) => like(id, t)));
    const ops = users.flatMap((t, i) =>
      i % 2 === 0 ? [unlike(id, t), unlike(id, t)] : [like(id, t), like(id, t)],
    );
    const replies = await Promise.all(ops);
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
    // Odd-numbered users like, even-numbered do not: 25.
    await expectSettled(id, 25);
  });

  it('404 for liking a pending or unknown message, 401 without sign-in', async () => {
    await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'pre' } });
    const { token } = await app.login('likes_pending_author');
    const pending = (await app.request('POST', '/v1/messages', { token, body: { text: '待审' } })).body
      .message.id;
    await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
    expect((await like(pending, token)).status).toBe(404);
    expect((await like('01J00000000000000000000000', token)).status).toBe(404);
    expect((await app.request('PUT', `/v1/messages/${pending}/like`)).status).toBe(401);
  });

  it('keeps the likes when a message is hidden and approved again', async () => {
    const id = await publishedMessage();
    const users = await tokens('likes_hidden', 3);
    await Promise.all(users.map((t) => like(id, t)));
    await app.request('POST', `/v1/admin/messages/${id}/decision`, {
      token: staff.token,
      body: { decision: 'reject', reason: '暂时隐藏' },
    });
    expect((await like(id, users[0])).status).toBe(404);
    await app.request('POST', `/v1/admin/messages/${id}/decision`, {
      token: staff.token,
      body: { decision: 'approve' },
    });
    await expectSettled(id, 3);
  });
});

describe('defect 4: the like recount trusts an eventually consistent read', () => {
  it('recounts from the like items with ConsistentRead, so a like that just settled is counted', async () => {
    const id = await publishedMessage();
    const users = await tokens('likes_recount', 4);
    await Promise.all(users.slice(0, 3).map((t) => like(id, t)));
    // Table reads without ConsistentRead may miss the last seconds' writes, as on DynamoDB.
    const restore = eventuallyConsistentTableReads(10_000);
    try {
      expect(await recountLikes(id)).toBe('ok');
      expect((await like(id, users[3])).body).toEqual({ likes: 4, likedByMe: true });
      // An eventually consistent count would still say 3 and overwrite the right counter with it.
      expect(await recountLikes(id)).toBe('ok');
    } finally {
      restore();
    }
    await expectSettled(id, 4);
  });
});

describe('defect 4: sweeper markers are left behind on popular messages', () => {
  it('two likes settling at the same moment leave no marker on the settled message', async () => {
    const id = await publishedMessage();
    const [a, b] = await tokens('likes_marker_race', 2);
    // Both settles see the other's intent, so neither can take the marker with the last intent in one write.
    const restore = raceAt(lastIntentSettle);
    try {
      const replies = await Promise.all([like(id, a), like(id, b)]);
      expect(replies.map((r) => r.body.likedByMe)).toEqual([true, true]);
    } finally {
      restore();
    }
    await expectSettled(id, 2);
  });

  it('after a burst of likes and unlikes with a sweep running in it, no settled message keeps a marker', async () => {
    const ids = [await publishedMessage(), await publishedMessage(), await publishedMessage()];
    const users = await tokens('likes_burst', 20);
    // Odd users end liking each message, even users end not liking it.
    const burst = Promise.all(
      ids.flatMap((id) =>
        users.map(async (t, i) => {
          await like(id, t);
          await unlike(id, t);
          if (i % 2 === 1) await like(id, t);
        }),
      ),
    );
    const sweepDuringBurst = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return sweepLikes();
    })();
    const [, during] = await Promise.all([burst, sweepDuringBurst]);
    expect(during.recounted).toBe(0);
    for (const id of ids) await expectSettled(id, 10);

    await app.indexesSettled();
    expect((await likeStore.messagesWithIntents()).ids).toEqual([]);
    const after = await sweepLikes();
    expect(after).toMatchObject({ messages: 0, recounted: 0 });
    for (const id of ids) expect(await auditLikes(id)).toMatchObject({ marker: false, likes: 10 });
  });
});
