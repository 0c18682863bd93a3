// Idempotency-Key (functions/lib/idempotency.ts) on the embedded store: directly, and through the HTTP wrapper with a
// route defined here in the test (no feature POST route exists yet to drive it end to end).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../../functions/lib/errors';
import { created, route } from '../../functions/lib/http';
import {
  idempotency,
  requestFingerprint,
  validateIdempotencyKey,
  type StoredReply,
} from '../../functions/lib/idempotency';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  jest.restoreAllMocks();
});

const reply: StoredReply = {
  status: 201,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body: '{"thing":{"id":"t1"}}',
};
const fp = (body: string) => requestFingerprint('POST', '/v1/things', body);

async function outcome<T>(promise: Promise<T>): Promise<T | { error: string; status: number }> {
  try {
    return await promise;
  } catch (err) {
    const e = err as { code?: string; status?: number };
    return { error: e.code ?? String(err), status: e.status ?? 0 };
  }
}

describe('idempotency records', () => {
  it('runs the first time, then replays the stored reply', async () => {
    expect(await idempotency.start('u1', 'key-1', fp('{"a":1}'))).toEqual({ kind: 'run' });
    await idempotency.complete('u1', 'key-1', reply);
    expect(await idempotency.start('u1', 'key-1', fp('{"a":1}'))).toEqual({ kind: 'replay', reply });
    expect(await idempotency.start('u1', 'key-1', fp('{"a":1}'))).toEqual({ kind: 'replay', reply });
  });

  it('keys belong to one user: the same key from another user runs', async () => {
    expect(await idempotency.start('u2', 'shared-key', fp('{}'))).toEqual({ kind: 'run' });
    expect(await idempotency.start('u3', 'shared-key', fp('{}'))).toEqual({ kind: 'run' });
  });

  it('refuses the same key with a different request with 422', async () => {
    await idempotency.start('u4', 'key-2', fp('{"a":1}'));
    await idempotency.complete('u4', 'key-2', reply);
    const res = await outcome(idempotency.start('u4', 'key-2', fp('{"a":2}')));
    expect(res).toEqual({ error: 'VALIDATION_FAILED', status: 422 });
    await expect(idempotency.start('u4', 'key-2', fp('{"a":2}'))).rejects.toBeInstanceOf(ValidationError);
  });

  it('lets exactly one of many concurrent duplicates run; the others are told it is in progress', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => outcome(idempotency.start('u5', 'key-race', fp('{}')))),
    );
    expect(results.filter((r) => 'kind' in r && r.kind === 'run')).toHaveLength(1);
    expect(results.filter((r) => 'error' in r)).toEqual(
      Array(19).fill({ error: 'REQUEST_IN_PROGRESS', status: 409 }),
    );
  });

  it('accepts keys of 1–64 characters only', () => {
    expect(() => validateIdempotencyKey('k')).not.toThrow();
    expect(() => validateIdempotencyKey('k'.repeat(64))).not.toThrow();
    for (const bad of ['', 'k'.repeat(65)]) {
      let thrown: unknown;
      try {
        validateIdempotencyKey(bad);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).status).toBe(422);
      expect((thrown as ValidationError).extra.fields).toHaveProperty('Idempotency-Key');
    }
  });

  it('an in-progress record whose lease expired (a crashed invocation) may be retried; one within its lease may not', async () => {
    const t0 = Date.now();
    expect(await idempotency.start('u6', 'key-crash', fp('{}'))).toEqual({ kind: 'run' });
    // No complete(): the invocation died. Within the 30 s lease a retry is refused...
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 10_000);
    await expect(idempotency.start('u6', 'key-crash', fp('{}'))).rejects.toBeInstanceOf(ConflictError);
    // ...after it, the retry runs, exactly once.
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 31_000);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => outcome(idempotency.start('u6', 'key-crash', fp('{}')))),
    );
    expect(retries.filter((r) => 'kind' in r && r.kind === 'run')).toHaveLength(1);
  });

  it('a completed record is replayed for 24 h, then the key is free again', async () => {
    const t0 = Date.now();
    await idempotency.start('u7', 'key-day', fp('{}'));
    await idempotency.complete('u7', 'key-day', reply);
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 23 * 3600_000);
    expect(await idempotency.start('u7', 'key-day', fp('{}'))).toEqual({ kind: 'replay', reply });
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 25 * 3600_000);
    expect(await idempotency.start('u7', 'key-day', fp('{"other":true}'))).toEqual({ kind: 'run' });
  });

  it('after a crash, only the same request takes the key over once the lease ran out; another body is 422', async () => {
    const t0 = Date.now();
    await idempotency.start('u9', 'key-crash-2', fp('{"a":1}'));
    jest.spyOn(Date, 'now').mockReturnValue(t0 + 31_000);
    await expect(idempotency.start('u9', 'key-crash-2', fp('{"a":2}'))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await idempotency.start('u9', 'key-crash-2', fp('{"a":1}'))).toEqual({ kind: 'run' });
  });

  it('allowRetry() (a 5xx or 429 reply) lets the same request run again, once at a time, and no other', async () => {
    await idempotency.start('u10', 'key-retry', fp('{"a":1}'));
    await idempotency.allowRetry('u10', 'key-retry');
    await expect(idempotency.start('u10', 'key-retry', fp('{"a":2}'))).rejects.toBeInstanceOf(
      ValidationError,
    );
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => outcome(idempotency.start('u10', 'key-retry', fp('{"a":1}')))),
    );
    expect(retries.filter((r) => 'kind' in r && r.kind === 'run')).toHaveLength(1);
    expect(retries.filter((r) => 'error' in r && r.error === 'REQUEST_IN_PROGRESS')).toHaveLength(4);
  });

  it('release() forgets the key so a retry runs', async () => {
    await idempotency.start('u8', 'key-release', fp('{}'));
    await idempotency.release('u8', 'key-release');
    expect(await idempotency.start('u8', 'key-release', fp('{}'))).toEqual({ kind: 'run' });
  });
});

describe('Idempotency-Key through the HTTP wrapper', () => {
  let effects = 0;
  /** While set, the route announces that it started and waits to be let through. */
  let gate: { entered: () => void; open: Promise<void> } | null = null;
  let failNext: Error | null = null;
  const handler = route({ access: 'user', body: z.object({ n: z.number() }) }, async ({ body }) => {
    if (gate) {
      gate.entered();
      await gate.open;
    }
    if (failNext) {
      const err = failNext;
      failNext = null;
      throw err;
    }
    effects += 1;
    return created({ n: body.n, effect: effects });
  });

  let requestSeq = 0;
  function post(token: string, body: unknown, key?: string): APIGatewayProxyEventV2 {
    requestSeq += 1;
    return {
      version: '2.0',
      routeKey: 'POST /v1/things',
      rawPath: '/v1/things',
      rawQueryString: '',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { requestId: `req-${requestSeq}`, http: { method: 'POST', path: '/v1/things' } },
    } as unknown as APIGatewayProxyEventV2;
  }
  const call = async (event: APIGatewayProxyEventV2) => {
    const res = (await handler(event)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    return { ...res, json: JSON.parse(res.body) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  let token: string;
  beforeAll(async () => {
    ({ token } = await app.login('idem_user'));
  });
  beforeEach(() => {
    effects = 0;
  });

  it('replays the first reply for the same key and body, with no second effect', async () => {
    const first = await call(post(token, { n: 1 }, 'create-1'));
    expect(first.statusCode).toBe(201);
    const second = await call(post(token, { n: 1 }, 'create-1'));
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(second.headers['Idempotent-Replay']).toBe('true');
    expect(second.headers['X-Request-Id']).not.toBe(first.headers['X-Request-Id']);
    expect(effects).toBe(1);
  });

  it('without a key, every POST runs', async () => {
    await call(post(token, { n: 1 }));
    await call(post(token, { n: 1 }));
    expect(effects).toBe(2);
  });

  it('422 for the same key with another body, and nothing runs', async () => {
    await call(post(token, { n: 1 }, 'create-2'));
    const other = await call(post(token, { n: 2 }, 'create-2'));
    expect(other.statusCode).toBe(422);
    expect(other.json.error.code).toBe('VALIDATION_FAILED');
    expect(other.json.error.fields).toHaveProperty('Idempotency-Key');
    expect(effects).toBe(1);
  });

  it('422 for a key longer than 64 characters, and nothing runs', async () => {
    const res = await call(post(token, { n: 1 }, 'k'.repeat(65)));
    expect(res.statusCode).toBe(422);
    expect(res.json.error.fields).toHaveProperty('Idempotency-Key');
    expect(effects).toBe(0);
  });

  it('concurrent duplicates run exactly once; the rest get 409 REQUEST_IN_PROGRESS, then the replay', async () => {
    let open!: () => void;
    let entered!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    gate = { entered, open: new Promise<void>((resolve) => (open = resolve)) };
    const first = call(post(token, { n: 3 }, 'create-3'));
    await started; // the first request holds the key and is doing its work
    const duplicates = await Promise.all(
      Array.from({ length: 10 }, () => call(post(token, { n: 3 }, 'create-3'))),
    );
    gate = null;
    open();
    expect((await first).statusCode).toBe(201);
    expect(duplicates.map((d) => `${d.statusCode} ${d.json.error?.code}`)).toEqual(
      Array(10).fill('409 REQUEST_IN_PROGRESS'),
    );
    const after = await call(post(token, { n: 3 }, 'create-3'));
    expect(after.statusCode).toBe(201);
    expect(after.body).toBe((await first).body);
    expect(effects).toBe(1);
  });

  it('a 503 (store throttling) lets the same request run again', async () => {
    failNext = Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    const failed = await call(post(token, { n: 4 }, 'create-4'));
    expect(failed.statusCode).toBe(503);
    const retry = await call(post(token, { n: 4 }, 'create-4'));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['Idempotent-Replay']).toBeUndefined();
    expect(effects).toBe(1);
  });

  it('a business refusal (4xx) is replayed as well, without running again', async () => {
    failNext = new ConflictError('SOLD_OUT', '已抢完');
    const refused = await call(post(token, { n: 5 }, 'create-5'));
    expect(refused.statusCode).toBe(409);
    const again = await call(post(token, { n: 5 }, 'create-5'));
    expect(again.statusCode).toBe(409);
    expect(again.headers['Idempotent-Replay']).toBe('true');
    expect(again.json.error.code).toBe('SOLD_OUT');
    expect(effects).toBe(0);
  });
});
