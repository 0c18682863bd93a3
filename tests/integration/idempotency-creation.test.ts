// Issue 9 (defect 2) for every creation route: with an Idempotency-Key, the new item's id comes from (user, key), so
// a 5xx after the write (a store throttle on a later step, armed here with a failpoint right after the write),
// followed by the retry with the same key, returns the same item — one item in the store, never two, never a 409.
// The key stays bound to its request after a 5xx: the same key with another body is 422.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { UnavailableError } from '../../functions/lib/errors';
import { armFailpoint, armFailpointError, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';
import { approvedMerchant, offerBody } from './alliance.support';
import { inDays } from './events.support';

jest.setTimeout(60_000);

let app: TestApp;
let admin: { token: string; userId: string };
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
  staff = await app.userWithRoles('idem_create_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const throttled = () =>
  new UnavailableError(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));

interface Creation {
  token: string;
  path: string;
  body: Record<string, unknown>;
  /** The failpoint right after the item's write. */
  point: string;
  /** The item from the reply. */
  item: (body: ApiResponse['body']) => { id: string };
  /** How many items of this request the store holds, read back through the API. */
  count: () => Promise<number>;
}

/** The Idempotency-Key's lease (30 s) runs out, as it does after a crash: the retry then runs again. */
async function leaseRunsOut(token: string, key: string): Promise<void> {
  const me = await app.request('GET', '/v1/me', { token });
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `IDEMPOTENCY#${me.body.user.id}#${key}`, sk: 'IDEMPOTENCY' },
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: { ':past': 0 },
    }),
  );
}

async function expectSameItemAfterRetry(c: Creation, key: string, failure: '503' | 'crash' = '503') {
  const headers = { 'idempotency-key': key };
  if (failure === 'crash') {
    armFailpoint(c.point);
    const crashed = app.request('POST', c.path, { token: c.token, body: c.body, headers });
    await expect(crashed).rejects.toThrow(/injected crash/);
    // Within the crashed request's lease the key answers "in progress"; the client keeps its key and waits.
    const early = await app.request('POST', c.path, { token: c.token, body: c.body, headers });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('REQUEST_IN_PROGRESS');
    await leaseRunsOut(c.token, key);
  } else {
    armFailpointError(c.point, throttled);
    const failed = await app.request('POST', c.path, { token: c.token, body: c.body, headers });
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('UNAVAILABLE');
  }

  // The same key with another body stays refused: the key belongs to the request that failed.
  const field = ['text', 'title', 'name'].find((f) => typeof c.body[f] === 'string')!;
  const other = await app.request('POST', c.path, {
    token: c.token,
    body: { ...c.body, [field]: `${c.body[field] as string}（改）` },
    headers,
  });
  expect(other.status).toBe(422);
  expect(other.body.error.fields).toHaveProperty('Idempotency-Key');

  const retry = await app.request('POST', c.path, { token: c.token, body: c.body, headers });
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replay']).toBeUndefined();
  const replay = await app.request('POST', c.path, { token: c.token, body: c.body, headers });
  expect(replay.status).toBe(201);
  expect(replay.headers['idempotent-replay']).toBe('true');
  expect(c.item(replay.body).id).toBe(c.item(retry.body).id);
  await app.indexesSettled();
  expect(await c.count()).toBe(1);
  return c.item(retry.body);
}

const FAILURES = [
  ['a 503 after the write', '503'],
  ['a crash after the write', 'crash'],
] as const;

it.each(FAILURES)(
  'POST /v1/messages: %s, then the retry → the same message, one message',
  async (_, failure) => {
    const author = await app.login(`idem_wall_author_${failure}`);
    const text = `幂等寄语：失败后重试只发一条 ${failure}`;
    const item = await expectSameItemAfterRetry(
      {
        token: author.token,
        path: '/v1/messages',
        body: { text },
        point: 'wall.post.afterCreate',
        item: (b) => b.message,
        count: async () => {
          const mine = await app.request('GET', '/v1/me/messages?limit=100', { token: author.token });
          return mine.body.items.filter((m: { text: string }) => m.text === text).length;
        },
      },
      'wall-post-1',
      failure,
    );
    expect(item).toMatchObject({ text, status: 'pending' });
  },
);

it.each(FAILURES)(
  'POST /v1/merchants: %s, then the retry → the same application (201, not 409)',
  async (_, failure) => {
    const applicant = await app.login(`idem_applicant_${failure}`);
    const item = await expectSameItemAfterRetry(
      {
        token: applicant.token,
        path: '/v1/merchants',
        body: { name: '幂等小店', category: '餐饮', address: '环翠楼街道 2 号', contact: '13800000003' },
        point: 'alliance.apply.afterApplied',
        item: (b) => b.merchant,
        count: async () => {
          const queue = await app.request('GET', '/v1/admin/merchants?status=pending&limit=100', {
            token: staff.token,
          });
          return queue.body.items.filter((m: { userId: string }) => m.userId === applicant.userId).length;
        },
      },
      'apply-1',
      failure,
    );
    expect(item).toMatchObject({ status: 'pending', userId: applicant.userId });
    // Without the key, applying again is still the one-application rule's 409.
    const again = await app.request('POST', '/v1/merchants', {
      token: applicant.token,
      body: { name: '幂等小店', category: '餐饮', address: '环翠楼街道 2 号', contact: '13800000003' },
    });
    expect(again.status).toBe(409);
  },
);

it.each(FAILURES)('POST /v1/offers: %s, then the retry → the same offer, one offer', async (_, failure) => {
  const shop = await approvedMerchant(app, `idem_offer_shop_${failure}`);
  const title = `幂等优惠 ${failure}`;
  await expectSameItemAfterRetry(
    {
      token: shop.token,
      path: '/v1/offers',
      body: offerBody({ title }),
      point: 'alliance.offer.afterCreated',
      item: (b) => b.offer,
      count: async () => {
        const mine = await app.request('GET', '/v1/merchants/me/offers?limit=100', { token: shop.token });
        return mine.body.items.filter((o: { title: string }) => o.title === title).length;
      },
    },
    'offer-1',
    failure,
  );
});

describe('POST /v1/events', () => {
  const eventBody = (title: string) => ({
    kind: 'party_lesson',
    title,
    description: '幂等创建',
    location: '刘公岛',
    startsAt: inDays(5),
    endsAt: inDays(5, 2),
    capacity: 7,
  });
  const countTitled = (title: string) => async () => {
    const list = await app.request('GET', '/v1/events?limit=100');
    return list.body.items.filter((e: { title: string }) => e.title === title).length;
  };

  it.each([
    ['a 503 after the event is written', 'events.create.afterEventWritten', '503'],
    ['a 503 after only the seat ledger is written', 'events.create.afterLedgerWritten', '503'],
    ['a crash after the event is written', 'events.create.afterEventWritten', 'crash'],
    ['a crash after only the seat ledger is written', 'events.create.afterLedgerWritten', 'crash'],
  ] as const)('%s, then the retry → the same event with its seats, one event', async (_, point, failure) => {
    const title = `幂等活动 ${point} ${failure}`;
    const item = await expectSameItemAfterRetry(
      {
        token: staff.token,
        path: '/v1/events',
        body: eventBody(title),
        point,
        item: (b) => b.event,
        count: countTitled(title),
      },
      `event-${point}-${failure}`,
      failure,
    );
    expect(item).toMatchObject({ title, capacity: 7, seatsTaken: 0 });
  });
});

it.each(FAILURES)('POST /v1/spaces: %s, then the retry → the same space, one space', async (_, failure) => {
  const name = `幂等共享空间 ${failure}`;
  await expectSameItemAfterRetry(
    {
      token: admin.token,
      path: '/v1/spaces',
      body: { name, address: '环翠楼街道 3 号', capacity: 8 },
      point: 'spaces.create.afterCreated',
      item: (b) => b.space,
      count: async () => {
        const list = await app.request('GET', '/v1/spaces?limit=100');
        return list.body.items.filter((s: { name: string }) => s.name === name).length;
      },
    },
    `space-${failure}`,
    failure,
  );
});

it('different keys still create different items, and no key creates a new one each time', async () => {
  const author = await app.login('idem_wall_many');
  const post = (key?: string) =>
    app.request('POST', '/v1/messages', {
      token: author.token,
      body: { text: '每次都是新寄语' },
      headers: key ? { 'idempotency-key': key } : {},
    });
  const ids = [(await post('a')).body.message.id, (await post('b')).body.message.id];
  ids.push((await post()).body.message.id, (await post()).body.message.id);
  expect(new Set(ids).size).toBe(4);
  ids.forEach((id) => expect(id).toMatch(/^[0-9A-Z]{26}$/));
});
