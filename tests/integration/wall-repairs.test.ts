// The like settle and its repairs, each checked where a wrong change would show: a retry within the lease (it must
// not finish the live operation; after the lease it must), an operation whose like item changed since it was read
// (nothing applied, the counter put back), the marker going with the last intent, the daily count, the lease
// boundary of the sweeper, a message deleted under a repair, a recount refused or logged, the sweep's report, and
// whether the viewer likes a message. Each test is named after the defect it would catch (docs/QUALITY.md, mutation
// testing). The repair is checked on its own, before any recount; the recount then finds nothing. Index queries lag
// 200 ms, as GSIs may on DynamoDB.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { logger } from '../../functions/lib/logger';
import { readDay } from '../../functions/lib/metrics';
import { districtDate } from '../../functions/lib/time';
import { resolveIntent } from '../../functions/wall/likeService';
import { likeStore } from '../../functions/wall/likeStore';
import { LIKE_INTENT_LEASE_MS, QUEUE_LIKE_INTENTS, type LikeIntent } from '../../functions/wall/model';
import { recountLikes, repairLikes, sweepLikes } from '../../functions/wall/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import {
  ageIntents,
  auditLikes,
  expectSettled,
  like as likeOf,
  likedBy,
  publishedMessage as newMessage,
  signedIn,
  unlike as unlikeOf,
} from './wallLikes.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };

beforeAll(async () => {
  // Its tests run a sweeper's steps inside a like request (spies), which the deployed-role check would take for the
  // like function's own calls: the roles are checked by every other suite.
  app = await startTestApp({ indexLagMs: 200, asDeployed: false });
  staff = await app.userWithRoles('likes_repairs_staff', ['staff']);
  await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
});
afterAll(async () => {
  disarmAllFailpoints();
  await app.indexesSettled().finally(() => app.close());
});
afterEach(() => {
  disarmAllFailpoints();
  jest.restoreAllMocks();
});

const like = (id: string, token: string) => likeOf(app, id, token);
const unlike = (id: string, token: string) => unlikeOf(app, id, token);
const afterLease = () => Date.now() + LIKE_INTENT_LEASE_MS + 1000;
const NOTHING = { intentsResolved: 0, markersCleared: 0 };

let userCounter = 0;
const freshUsers = (n: number) => signedIn(app, `likes_repairs_${userCounter++}`, n);

/** The recount, run after a repair was checked on its own, has nothing to fix. */
async function expectRecountFindsNothing(id: string) {
  expect(await recountLikes(id)).toBe('ok');
  await app.indexesSettled();
  expect(await sweepLikes(afterLease())).toEqual({ messages: 0, ...NOTHING, recounted: 0 });
}

/** A message liked by `other`, and `dying`'s like (or unlike, after liking first) crashed at `point`. */
async function crashed(point: string, op: 'like' | 'unlike') {
  const id = await newMessage(app);
  const [dying, other] = await freshUsers(2);
  await like(id, other.token);
  if (op === 'unlike') await like(id, dying.token);
  armFailpoint(point);
  await expect((op === 'like' ? like : unlike)(id, dying.token)).rejects.toThrow(/injected crash/);
  const [intent] = Object.values((await auditLikes(id)).intents);
  // The intent records what the user asked for: a finisher completes that.
  expect(intent).toMatchObject({ op });
  return { id, dying, other, intent };
}

/** Writes the message item directly (a state the steps leave only after a crash, or never). */
async function setOnMessage(id: string, update: string, values: Record<string, unknown>) {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `MSG#${id}`, sk: 'META' },
      UpdateExpression: update,
      ExpressionAttributeValues: values,
    }),
  );
}

const likesToday = async () => (await readDay(districtDate())).counters['messages.likes'] ?? 0;

describe("the user's own operation", () => {
  it('a retry within the lease answers the state without finishing the live operation; after the lease it finishes it first', async () => {
    const { id, dying, intent } = await crashed('wall.like.afterLikeItem', 'like');
    // Within the lease the operation may still be running: the retry reports the like, not yet counted.
    expect((await like(id, dying.token)).body).toEqual({ likes: 1, likedByMe: true });
    expect(await auditLikes(id)).toEqual({
      likes: 1,
      liked: 2,
      intents: { [dying.userId]: intent },
      marker: true,
    });
    await ageIntents(id);
    expect((await like(id, dying.token)).body).toEqual({ likes: 2, likedByMe: true });
    await expectSettled(id, 2);
    await expectRecountFindsNothing(id);
  });

  it("a user's own operation exactly at the end of its lease is left to its request; a moment later the retry finishes it", async () => {
    const { id, dying, intent } = await crashed('wall.like.afterLikeItem', 'like');
    const before = await auditLikes(id);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(intent.at + LIKE_INTENT_LEASE_MS);
    expect((await like(id, dying.token)).body).toEqual({ likes: 1, likedByMe: true });
    expect(await auditLikes(id)).toEqual(before);
    clock.mockReturnValue(intent.at + LIKE_INTENT_LEASE_MS + 1);
    expect((await like(id, dying.token)).body).toEqual({ likes: 2, likedByMe: true });
    clock.mockRestore();
    await expectSettled(id, 2);
    await expectRecountFindsNothing(id);
  });

  it('a retry within the lease of an operation not yet applied waits for the slot and answers 503, leaving the intent to its owner', async () => {
    const { id, dying, intent } = await crashed('wall.like.afterIntent', 'like');
    const before = await auditLikes(id);
    expect(before).toEqual({ likes: 1, liked: 1, intents: { [dying.userId]: intent }, marker: true });
    const tries = jest.spyOn(likeStore, 'takeIntent');
    const reply = await like(id, dying.token);
    expect({ status: reply.status, code: reply.body.error.code }).toEqual({
      status: 503,
      code: 'UNAVAILABLE',
    });
    // It tried the slot 30 times (likeService's MAX_ATTEMPTS, with a growing pause between), then gave up.
    expect(tries).toHaveBeenCalledTimes(30);
    expect(await auditLikes(id)).toEqual(before);
    // The sweeper finishes it after the lease, as the user asked (a like).
    expect(await repairLikes(id, afterLease())).toEqual({ intentsResolved: 1, markersCleared: 0 });
    expect(await likedBy(id, dying.userId)).toBe(true);
    await expectSettled(id, 2);
    await expectRecountFindsNothing(id);
  });

  it('a request whose intent another finisher settled between its steps 2 and 3 answers the settled count, counted once', async () => {
    const id = await newMessage(app);
    const [user, other] = await freshUsers(2);
    await like(id, other.token);
    const client = db() as unknown as {
      send: (command: { input: Record<string, unknown> }) => Promise<unknown>;
    };
    const send = client.send.bind(client);
    let finished: boolean | null = null;
    jest.spyOn(client, 'send').mockImplementation(async (command) => {
      const isSettle = String(command.input.UpdateExpression ?? '').includes('REMOVE likeIntents.#user');
      if (isSettle && finished === null) {
        finished = false;
        // A sweep (or the user's retry) finishes the same intent first.
        const intent = (await auditLikes(id)).intents[user.userId];
        finished = await resolveIntent(id, user.userId, intent);
      }
      return send(command);
    });
    expect((await like(id, user.token)).body).toEqual({ likes: 2, likedByMe: true });
    expect(finished).toBe(true);
    await expectSettled(id, 2);
    await expectRecountFindsNothing(id);
  });

  it("a like whose read was overtaken by the same user's like and unlike is not reported done: it looks again and likes", async () => {
    const id = await newMessage(app);
    const [user] = await freshUsers(1);
    const client = db() as unknown as {
      send: (command: { input: Record<string, unknown> }) => Promise<unknown>;
    };
    const send = client.send.bind(client);
    let overtaken = false;
    jest.spyOn(client, 'send').mockImplementation(async (command) => {
      const isTakeIntent = String(command.input.UpdateExpression ?? '').startsWith(
        'SET likeIntents.#user = :intent',
      );
      if (isTakeIntent && !overtaken) {
        overtaken = true;
        // Between this request's read of the like item and its step 1, the user's other requests like and unlike.
        expect((await like(id, user.token)).body).toEqual({ likes: 1, likedByMe: true });
        expect((await unlike(id, user.token)).body).toEqual({ likes: 0, likedByMe: false });
      }
      return send(command);
    });
    expect((await like(id, user.token)).body).toEqual({ likes: 1, likedByMe: true });
    expect(overtaken).toBe(true);
    expect(await likedBy(id, user.userId)).toBe(true);
    await expectSettled(id, 1);
    await expectRecountFindsNothing(id);
  });

  it('liking a message that is not on the wall answers 404 with the message users see', async () => {
    const [user] = await freshUsers(1);
    const reply = await like('01J00000000000000000000000', user.token);
    expect({ status: reply.status, error: reply.body.error }).toEqual({
      status: 404,
      error: { code: 'NOT_FOUND', message: '寄语不存在或已下墙', requestId: expect.any(String) },
    });
  });

  it('a like that settles alone takes the marker with its last intent (no separate marker write)', async () => {
    const id = await newMessage(app);
    const [user] = await freshUsers(1);
    // Step 4 (drop the marker after the settle) is only for a settle that raced another: never reached here.
    armFailpoint('wall.like.afterSettled');
    expect((await like(id, user.token)).body).toEqual({ likes: 1, likedByMe: true });
    expect((await unlike(id, user.token)).body).toEqual({ likes: 0, likedByMe: false });
    await expectSettled(id, 0);
  });

  it('counts a like once on the daily dashboard; an unlike or a repeated like not at all', async () => {
    const id = await newMessage(app);
    const [user] = await freshUsers(1);
    const before = await likesToday();
    await like(id, user.token);
    expect(await likesToday()).toBe(before + 1);
    await like(id, user.token);
    await unlike(id, user.token);
    await unlike(id, user.token);
    expect(await likesToday()).toBe(before + 1);
    await like(id, user.token);
    expect(await likesToday()).toBe(before + 2);
    await expectSettled(id, 1);
  });
});

describe('an operation whose like item changed since it was read', () => {
  /**
   * `user`'s intent as a request would take it that read the like item before the user's previous operation changed
   * it (its `prev` is stale) and then died: step 1 done (with its -1 for an unlike), steps 2 and 3 not.
   */
  async function staleIntent(id: string, userId: string, op: 'like' | 'unlike', prev: string | null) {
    const intent: LikeIntent = {
      op,
      id: `stale-${op}-${userId}`,
      at: Date.now() - LIKE_INTENT_LEASE_MS - 1000,
      prev,
    };
    expect(await likeStore.takeIntent(id, userId, intent, op === 'like' ? 0 : -1)).toBe(true);
    return intent;
  }

  it('a stale like changes nothing: not counted a second time', async () => {
    const id = await newMessage(app);
    const [user, other] = await freshUsers(2);
    await like(id, other.token);
    await like(id, user.token);
    await staleIntent(id, user.userId, 'like', null);
    expect(await repairLikes(id, afterLease())).toEqual({ intentsResolved: 1, markersCleared: 0 });
    // The repair on its own: the user's like stands, counted once, nothing in flight.
    expect(await likeStore.get(id, user.userId)).toMatchObject({ liked: true });
    await expectSettled(id, 2);
    await expectRecountFindsNothing(id);
  });

  it('a stale unlike changes nothing and gives its -1 back', async () => {
    const id = await newMessage(app);
    const [user, other] = await freshUsers(2);
    await like(id, other.token);
    await like(id, user.token);
    const liked = await likeStore.get(id, user.userId);
    await unlike(id, user.token);
    await like(id, user.token);
    const current = await likeStore.get(id, user.userId);
    await staleIntent(id, user.userId, 'unlike', liked!.opId);
    expect((await auditLikes(id)).likes).toBe(1);
    expect(await repairLikes(id, afterLease())).toEqual({ intentsResolved: 1, markersCleared: 0 });
    expect(await likeStore.get(id, user.userId)).toEqual(current);
    await expectSettled(id, 2);
    await expectRecountFindsNothing(id);
  });
});

describe('the sweeper', () => {
  it('an intent exactly at the end of its lease is left to its request; a moment later it is finished', async () => {
    const { id, intent } = await crashed('wall.like.afterIntent', 'unlike');
    const before = await auditLikes(id);
    expect(await repairLikes(id, intent.at + LIKE_INTENT_LEASE_MS)).toEqual(NOTHING);
    expect(await auditLikes(id)).toEqual(before);
    expect(await repairLikes(id, intent.at + LIKE_INTENT_LEASE_MS + 1)).toEqual({
      intentsResolved: 1,
      markersCleared: 0,
    });
    await expectSettled(id, 1);
    await expectRecountFindsNothing(id);
  });

  it('a message deleted under a repair is reported as nothing to do, and a late finisher of its intent does nothing', async () => {
    const { id, dying, intent } = await crashed('wall.like.afterIntent', 'unlike');
    expect((await app.request('DELETE', `/v1/messages/${id}`, { token: staff.token })).status).toBe(204);
    expect(await repairLikes(id, afterLease())).toEqual(NOTHING);
    expect(await recountLikes(id)).toBe('gone');
    expect(await resolveIntent(id, dying.userId, intent)).toBe(false);
    expect(await likeStore.get(id, dying.userId)).toBeNull();
  });

  it('logs a counter the recount had to repair as a warning for staff, exactly', async () => {
    const id = await newMessage(app);
    const users = await freshUsers(2);
    for (const u of users) await like(id, u.token);
    await setOnMessage(id, 'SET likes = :wrong', { ':wrong': 7 });
    const warn = jest.spyOn(logger, 'warn');
    expect(await recountLikes(id)).toBe('fixed');
    expect(warn.mock.calls).toEqual([['like counter repaired', { messageId: id, was: 7, now: 2 }]]);
    await expectSettled(id, 2);
  });

  it('a recount refused because a like landed between its read and its write reports busy, logs nothing, and leaves it to the next one', async () => {
    const id = await newMessage(app);
    const users = await freshUsers(3);
    for (const u of users.slice(0, 2)) await like(id, u.token);
    await setOnMessage(id, 'SET likes = :wrong', { ':wrong': 7 });
    const client = db() as unknown as {
      send: (command: { input: Record<string, unknown> }) => Promise<unknown>;
    };
    const send = client.send.bind(client);
    let landed = false;
    jest.spyOn(client, 'send').mockImplementation(async (command) => {
      const isRecountWrite = String(command.input.ConditionExpression ?? '').includes(
        'likesVersion = :version',
      );
      if (isRecountWrite && !landed) {
        landed = true;
        await like(id, users[2].token);
      }
      return send(command);
    });
    const warn = jest.spyOn(logger, 'warn');
    expect(await recountLikes(id)).toBe('busy');
    expect(landed).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    expect(await auditLikes(id)).toEqual({ likes: 8, liked: 3, intents: {}, marker: false });
    expect(await recountLikes(id)).toBe('fixed');
    await expectSettled(id, 3);
  });

  it('a sweep counts each repair once, by kind, and the recount only where it changed a counter; then all zeros', async () => {
    // abandoned: an intent left by a crash; markerOnly: a marker left after the last settle; drifted: a counter off
    // (outside the protocol) on a message with a marker.
    const abandoned = (await crashed('wall.like.afterIntent', 'like')).id;
    const markerOnly = await newMessage(app);
    const drifted = await newMessage(app);
    const users = await freshUsers(2);
    for (const u of users) await like(drifted, u.token);
    const marker = (id: string) => ({ ':marker': QUEUE_LIKE_INTENTS, ':id': id });
    await setOnMessage(markerOnly, 'SET queuePk = :marker, queueSk = :id', marker(markerOnly));
    await setOnMessage(drifted, 'SET queuePk = :marker, queueSk = :id, likes = :wrong', {
      ...marker(drifted),
      ':wrong': 5,
    });
    await app.indexesSettled();
    expect(await sweepLikes(afterLease())).toEqual({
      messages: 3,
      intentsResolved: 1,
      markersCleared: 2,
      recounted: 1,
    });
    await expectSettled(abandoned, 2);
    await expectSettled(markerOnly, 0);
    await expectSettled(drifted, 2);
    await app.indexesSettled();
    expect(await sweepLikes(afterLease())).toEqual({ messages: 0, ...NOTHING, recounted: 0 });
  });
});

describe('whether the viewer likes a message', () => {
  it("a staff decision's reply says whether that staff member likes the message", async () => {
    const id = await newMessage(app);
    const other = await app.userWithRoles('likes_repairs_staff_2', ['staff']);
    await like(id, staff.token);
    const decide = (token: string, body: object) =>
      app.request('POST', `/v1/admin/messages/${id}/decision`, { token, body });
    const rejected = await decide(staff.token, { decision: 'reject', reason: '暂时隐藏' });
    expect(rejected.body.message).toMatchObject({ likes: 1, likedByMe: true, status: 'rejected' });
    const approved = await decide(other.token, { decision: 'approve' });
    expect(approved.body.message).toMatchObject({ likes: 1, likedByMe: false, status: 'published' });
    await expectSettled(id, 1);
  });
});
