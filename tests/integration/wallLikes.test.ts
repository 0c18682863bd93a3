// Likes: one per user per message, idempotent, exact under concurrency, crash-safe with a repair.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { likeStore } from '../../functions/wall/likeStore';
import { messageStore } from '../../functions/wall/messageStore';
import { LIKE_INTENT_LEASE_MS } from '../../functions/wall/model';
import { recountLikes, sweepLikes } from '../../functions/wall/reconcileService';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };

beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('likes_staff', ['staff']);
  await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
});
afterAll(async () => {
  disarmAllFailpoints();
  await app.close();
});
afterEach(() => disarmAllFailpoints());

let messageCounter = 0;
async function publishedMessage(): Promise<string> {
  const { token } = await app.login(`likes_author_${messageCounter++}`);
  const res = await app.request('POST', '/v1/messages', { token, body: { text: '欢迎回家' } });
  expect(res.body.message.status).toBe('published');
  return res.body.message.id;
}

async function tokens(prefix: string, n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, async (_, i) => (await app.login(`${prefix}_${i}`)).token));
}

/** The invariant: the counter equals the like items that say "liked", and nothing is left in flight. */
async function expectCounterExact(id: string, expected: number): Promise<void> {
  const message = await messageStore.get(id);
  expect(message!.likeIntents).toEqual({});
  expect(await likeStore.countLiked(id)).toBe(expected);
  expect(message!.likes).toBe(expected);
}

const like = (id: string, token: string) => app.request('PUT', `/v1/messages/${id}/like`, { token });
const unlike = (id: string, token: string) => app.request('DELETE', `/v1/messages/${id}/like`, { token });

describe('likes', () => {
  it('likes and unlikes idempotently, and the wall shows likedByMe per viewer', async () => {
    const id = await publishedMessage();
    const [a, b] = await tokens('likes_pair', 2);
    expect((await like(id, a)).body).toEqual({ likes: 1, likedByMe: true });
    expect((await like(id, a)).body).toEqual({ likes: 1, likedByMe: true });
    expect((await like(id, b)).body).toEqual({ likes: 2, likedByMe: true });
    const seenByA = (await app.request('GET', '/v1/messages?limit=100', { token: a })).body.items.find(
      (m: { id: string }) => m.id === id,
    );
    expect(seenByA).toMatchObject({ likes: 2, likedByMe: true });
    const [c] = await tokens('likes_viewer', 1);
    const seenByC = (await app.request('GET', '/v1/messages?limit=100', { token: c })).body.items.find(
      (m: { id: string }) => m.id === id,
    );
    expect(seenByC).toMatchObject({ likes: 2, likedByMe: false });
    expect((await unlike(id, a)).body).toEqual({ likes: 1, likedByMe: false });
    expect((await unlike(id, a)).body).toEqual({ likes: 1, likedByMe: false });
    expect((await like(id, a)).body).toEqual({ likes: 2, likedByMe: true });
    await expectCounterExact(id, 2);
  });

  it('counts exactly 100 for 100 simultaneous likes from 100 users', async () => {
    const id = await publishedMessage();
    const users = await tokens('likes_crowd', 100);
    const replies = await Promise.all(users.map((t) => like(id, t)));
    expect(replies.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(replies.every((r) => r.body.likedByMe === true)).toBe(true);
    await expectCounterExact(id, 100);
    const listed = (await app.request('GET', '/v1/messages?limit=100')).body.items.find(
      (m: { id: string }) => m.id === id,
    );
    expect(listed.likes).toBe(100);
  });

  it('counts 1 when the same user likes 20 times at once', async () => {
    const id = await publishedMessage();
    const [t] = await tokens('likes_eager', 1);
    const replies = await Promise.all(Array.from({ length: 20 }, () => like(id, t)));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(replies.every((r) => r.body.likedByMe === true)).toBe(true);
    await expectCounterExact(id, 1);
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
    await expectCounterExact(id, 25);
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
    await expectCounterExact(id, 3);
  });
});

describe('crashes between like writes, and the repair', () => {
  const points = ['wall.like.afterIntent', 'wall.like.afterLikeItem'] as const;

  it.each(points)(
    'a like that dies at %s leaves at most an under-count, which the sweeper repairs exactly once',
    async (point) => {
      const id = await publishedMessage();
      const [dying, other] = await tokens(`likes_crash_${point.replace(/\W/g, '_')}`, 2);
      await like(id, other);
      armFailpoint(point);
      await expect(like(id, dying)).rejects.toThrow(/injected crash/);
      const during = await messageStore.get(id);
      expect(during!.likes).toBeLessThanOrEqual(await likeStore.countLiked(id));
      expect(Object.keys(during!.likeIntents)).toHaveLength(1);

      // A sweep within the lease leaves the live-looking intent alone.
      await sweepLikes();
      expect(Object.keys((await messageStore.get(id))!.likeIntents)).toHaveLength(1);
      // After the lease, the intent is finished: the like the user asked for is completed and counted once.
      const report = await sweepLikes(Date.now() + LIKE_INTENT_LEASE_MS + 1000);
      expect(report.intentsResolved).toBe(1);
      await expectCounterExact(id, 2);
      const again = await sweepLikes(Date.now() + LIKE_INTENT_LEASE_MS + 1000);
      expect(again.intentsResolved).toBe(0);
      await expectCounterExact(id, 2);
      expect((await like(id, dying)).body).toEqual({ likes: 2, likedByMe: true });
    },
  );

  it.each(points)(
    'an unlike that dies at %s under-counts until repaired, and never goes below zero',
    async (point) => {
      const id = await publishedMessage();
      const [dying] = await tokens(`likes_uncrash_${point.replace(/\W/g, '_')}`, 1);
      await like(id, dying);
      armFailpoint(point);
      await expect(unlike(id, dying)).rejects.toThrow(/injected crash/);
      const during = await messageStore.get(id);
      expect(during!.likes).toBeLessThanOrEqual(await likeStore.countLiked(id));
      expect(during!.likes).toBeGreaterThanOrEqual(0);
      await sweepLikes(Date.now() + LIKE_INTENT_LEASE_MS + 1000);
      await expectCounterExact(id, 0);
    },
  );

  it('the same user coming back after the lease finishes their abandoned operation first', async () => {
    const id = await publishedMessage();
    const [t] = await tokens('likes_return', 1);
    armFailpoint('wall.like.afterLikeItem');
    await expect(like(id, t)).rejects.toThrow(/injected crash/);
    // Age the intent past the lease, as if the crash was long ago.
    const message = await messageStore.get(id);
    const [userId, intent] = Object.entries(message!.likeIntents)[0];
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db, tableName } = await import('../../functions/lib/db');
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `MSG#${id}`, sk: 'META' },
        UpdateExpression: 'SET likeIntents.#u.#at = :old',
        ExpressionAttributeNames: { '#u': userId, '#at': 'at' },
        ExpressionAttributeValues: { ':old': intent.at - LIKE_INTENT_LEASE_MS - 1000 },
      }),
    );
    expect((await unlike(id, t)).body).toEqual({ likes: 0, likedByMe: false });
    await expectCounterExact(id, 0);
  });

  it('the recount repairs a counter that drifted, and refuses to touch one with an operation in flight', async () => {
    const id = await publishedMessage();
    const users = await tokens('likes_drift', 3);
    await Promise.all(users.map((t) => like(id, t)));
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db, tableName } = await import('../../functions/lib/db');
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `MSG#${id}`, sk: 'META' },
        UpdateExpression: 'SET likes = :wrong',
        ExpressionAttributeValues: { ':wrong': 7 },
      }),
    );
    expect(await recountLikes(id)).toBe('fixed');
    await expectCounterExact(id, 3);
    expect(await recountLikes(id)).toBe('ok');

    armFailpoint('wall.like.afterIntent');
    const [late] = await tokens('likes_drift_late', 1);
    await expect(like(id, late)).rejects.toThrow(/injected crash/);
    expect(await recountLikes(id)).toBe('busy');
    await sweepLikes(Date.now() + LIKE_INTENT_LEASE_MS + 1000);
    await expectCounterExact(id, 4);
  });

  it('the sweeper leaves no marker behind once nothing is in flight', async () => {
    await sweepLikes(Date.now() + LIKE_INTENT_LEASE_MS + 1000);
    const { ids } = await likeStore.messagesWithIntents();
    expect(ids).toEqual([]);
  });
});
