// Likes under crashes: a like or unlike stopped at every write boundary leaves at most an under-count, and the repair
// (finishing the intent) is checked on its own, right after it runs and before any recount; the recount then finds
// nothing to fix. Two finishers of the same leftover intent run at the same time. Index queries lag 200 ms.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { resolveIntent } from '../../functions/wall/likeService';
import { LIKE_INTENT_LEASE_MS } from '../../functions/wall/model';
import { recountLikes, repairLikes, sweepLikes } from '../../functions/wall/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import {
  ageIntents,
  auditLikes,
  expectSettled,
  lastIntentSettle,
  like as likeOf,
  likedBy,
  publishedMessage as newMessage,
  raceAt,
  signedIn,
  unlike as unlikeOf,
} from './wallLikes.support';

jest.setTimeout(60_000);

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  const staff = await app.userWithRoles('likes_crash_staff', ['staff']);
  await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
});
afterAll(async () => {
  disarmAllFailpoints();
  // Let the index copy catch up first, so no replication is in flight while the stores close.
  await app.indexesSettled().finally(() => app.close());
});
afterEach(() => disarmAllFailpoints());

const like = (id: string, token: string) => likeOf(app, id, token);
const unlike = (id: string, token: string) => unlikeOf(app, id, token);
const afterLease = () => Date.now() + LIKE_INTENT_LEASE_MS + 1000;

let userCounter = 0;
async function freshUsers(n: number) {
  return signedIn(app, `likes_crash_${userCounter++}`, n);
}

/** Right after a crash: the counter at most one below the liked items, never negative, one intent in flight. */
async function expectSafeSide(id: string) {
  const state = await auditLikes(id);
  expect(state.likes).toBeLessThanOrEqual(state.liked);
  expect(state.likes).toBeGreaterThanOrEqual(Math.max(0, state.liked - 1));
  expect(Object.keys(state.intents)).toHaveLength(1);
  expect(state.marker).toBe(true);
}

/** The recount, run after a repair was checked on its own, has nothing to fix. */
async function expectRecountFindsNothing(id: string) {
  expect(await recountLikes(id)).toBe('ok');
  await app.indexesSettled();
  expect(await sweepLikes(afterLease())).toMatchObject({ intentsResolved: 0, recounted: 0 });
}

const points = ['wall.like.afterIntent', 'wall.like.afterLikeItem'] as const;
const cases = points.flatMap((point) => [
  { point, op: 'like' as const, likedAfter: true },
  { point, op: 'unlike' as const, likedAfter: false },
]);

/** A message liked by `other`, and `dying`'s like (or unlike, after liking first) crashed at `point`. */
async function crashed(point: string, op: 'like' | 'unlike') {
  const id = await newMessage(app);
  const [dying, other] = await freshUsers(2);
  await like(id, other.token);
  if (op === 'unlike') await like(id, dying.token);
  armFailpoint(point);
  const call = op === 'like' ? like : unlike;
  await expect(call(id, dying.token)).rejects.toThrow(/injected crash/);
  await expectSafeSide(id);
  return { id, dying, other, retry: () => call(id, dying.token) };
}

describe.each(cases)('$op crashing at $point', ({ point, op, likedAfter }) => {
  const expected = likedAfter ? 2 : 1;

  it('is left alone within the lease, then finished exactly as asked; the recount finds nothing', async () => {
    const { id, dying } = await crashed(point, op);
    const before = await auditLikes(id);
    expect(await repairLikes(id)).toEqual({ intentsResolved: 0, markersCleared: 0 });
    expect(await auditLikes(id)).toEqual(before);

    expect(await repairLikes(id, afterLease())).toEqual({ intentsResolved: 1, markersCleared: 0 });
    // The repair on its own: the operation the user asked for is done and counted once, nothing left in flight.
    expect(await likedBy(id, dying.userId)).toBe(likedAfter);
    await expectSettled(id, expected);
    expect(await repairLikes(id, afterLease())).toEqual({ intentsResolved: 0, markersCleared: 0 });
    await expectRecountFindsNothing(id);
    await expectSettled(id, expected);
  });

  it('two finishers at once: the user retrying and the sweeper', async () => {
    const { id, dying, retry } = await crashed(point, op);
    await ageIntents(id);
    const [reply, repaired] = await Promise.all([retry(), repairLikes(id)]);
    expect(reply.body).toEqual({ likes: expected, likedByMe: likedAfter });
    expect(repaired.intentsResolved).toBeLessThanOrEqual(1);
    expect(await likedBy(id, dying.userId)).toBe(likedAfter);
    await expectSettled(id, expected);
    await expectRecountFindsNothing(id);
  });

  it('two finishers at once: two sweeper runs', async () => {
    const { id, dying } = await crashed(point, op);
    const now = afterLease();
    const runs = await Promise.all([repairLikes(id, now), repairLikes(id, now)]);
    expect(runs.map((r) => r.intentsResolved).sort()).toEqual([0, 1]);
    expect(await likedBy(id, dying.userId)).toBe(likedAfter);
    await expectSettled(id, expected);
    await expectRecountFindsNothing(id);
  });
});

it('two finishers: a late finisher of a settled unlike does not undo the like the user gave after it', async () => {
  const { id, dying } = await crashed('wall.like.afterIntent', 'unlike');
  // A sweep reads the abandoned intent, then stalls; meanwhile another finishes it and the user likes again.
  const [stale] = Object.values((await auditLikes(id)).intents);
  expect(await repairLikes(id, afterLease())).toEqual({ intentsResolved: 1, markersCleared: 0 });
  await expectSettled(id, 1);
  expect((await like(id, dying.token)).body).toEqual({ likes: 2, likedByMe: true });
  expect(await resolveIntent(id, dying.userId, stale)).toBe(false);
  expect(await likedBy(id, dying.userId)).toBe(true);
  await expectSettled(id, 2);
  await expectRecountFindsNothing(id);
});

it('a crash between settling the last intent and dropping the marker leaves only the marker, which the sweeper drops', async () => {
  const id = await newMessage(app);
  const [a, b] = await freshUsers(2);
  // Both settles see each other's intent; the one that empties the map owes the marker, and dies first.
  const restore = raceAt(lastIntentSettle);
  armFailpoint('wall.like.afterSettled');
  try {
    const replies = await Promise.allSettled([like(id, a.token), like(id, b.token)]);
    expect(replies.filter((r) => r.status === 'rejected')).toHaveLength(1);
  } finally {
    restore();
  }
  expect(await auditLikes(id)).toEqual({ likes: 2, liked: 2, intents: {}, marker: true });
  expect(await repairLikes(id)).toEqual({ intentsResolved: 0, markersCleared: 1 });
  await expectSettled(id, 2);
  await expectRecountFindsNothing(id);
});

it('the same user coming back after the lease finishes their abandoned operation first', async () => {
  const { id, dying } = await crashed('wall.like.afterLikeItem', 'like');
  await ageIntents(id);
  expect((await unlike(id, dying.token)).body).toEqual({ likes: 1, likedByMe: false });
  await expectSettled(id, 1);
  await expectRecountFindsNothing(id);
});

it('the recount repairs a counter that drifted, and refuses to touch one with an operation in flight', async () => {
  const id = await newMessage(app);
  const users = await freshUsers(4);
  await Promise.all(users.slice(0, 3).map((u) => like(id, u.token)));
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
  await expectSettled(id, 3);
  expect(await recountLikes(id)).toBe('ok');

  armFailpoint('wall.like.afterIntent');
  await expect(like(id, users[3].token)).rejects.toThrow(/injected crash/);
  expect(await recountLikes(id)).toBe('busy');
  await app.indexesSettled();
  expect(await sweepLikes(afterLease())).toMatchObject({ intentsResolved: 1, recounted: 0 });
  await expectSettled(id, 4);
});
