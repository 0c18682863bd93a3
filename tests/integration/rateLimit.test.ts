// Sliding-window rate limit (functions/lib/rateLimit.ts) on the embedded store.
import { RateLimitedError } from '../../functions/lib/errors';
import { consumeRateLimit } from '../../functions/lib/rateLimit';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const HOUR = 3600;
const rule = (subject: string) => ({ bucket: 'test-wall', subject, limit: 5, windowSeconds: HOUR });

async function refusal(promise: Promise<void>): Promise<RateLimitedError | null> {
  try {
    await promise;
    return null;
  } catch (err) {
    if (err instanceof RateLimitedError) return err;
    throw err;
  }
}

describe('consumeRateLimit', () => {
  it('allows 5 per window, then 429 with Retry-After counted from the oldest hit', async () => {
    const t0 = Date.parse('2026-12-01T09:00:00+08:00');
    for (let i = 0; i < 5; i++) await consumeRateLimit(rule('alice'), t0 + i * 60_000);
    const refused = await refusal(consumeRateLimit(rule('alice'), t0 + 10 * 60_000));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused!.status).toBe(429);
    expect(refused!.code).toBe('RATE_LIMITED');
    // The oldest hit (t0) leaves the window at t0 + 1 h: 50 minutes from now.
    expect(refused!.extra.headers).toEqual({ 'Retry-After': String(50 * 60) });
  });

  it('frees one slot when the oldest hit leaves the window, and only one', async () => {
    const t0 = Date.parse('2026-12-02T09:00:00+08:00');
    for (let i = 0; i < 5; i++) await consumeRateLimit(rule('bob'), t0 + i * 60_000);
    await expect(consumeRateLimit(rule('bob'), t0 + HOUR * 1000 + 1)).resolves.toBeUndefined();
    const refused = await refusal(consumeRateLimit(rule('bob'), t0 + HOUR * 1000 + 2));
    // Now the oldest is the hit at t0 + 1 min.
    expect(refused!.extra.headers!['Retry-After']).toBe(String(60));
  });

  it('counts each subject and each bucket on its own', async () => {
    const t0 = Date.parse('2026-12-03T09:00:00+08:00');
    for (let i = 0; i < 5; i++) await consumeRateLimit(rule('carol'), t0 + i);
    await expect(consumeRateLimit(rule('dave'), t0 + 10)).resolves.toBeUndefined();
    await expect(
      consumeRateLimit({ ...rule('carol'), bucket: 'test-other' }, t0 + 10),
    ).resolves.toBeUndefined();
    expect(await refusal(consumeRateLimit(rule('carol'), t0 + 10))).toBeInstanceOf(RateLimitedError);
  });

  it('under concurrency: of 20 simultaneous calls with limit 5, exactly 5 pass and 15 get 429', async () => {
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => refusal(consumeRateLimit(rule('racer'), now))),
    );
    expect(results.filter((r) => r === null)).toHaveLength(5);
    expect(results.filter((r) => r instanceof RateLimitedError)).toHaveLength(15);
  });

  it('uses the message given for the bucket', async () => {
    const t0 = Date.parse('2026-12-04T09:00:00+08:00');
    const custom = { ...rule('erin'), limit: 1, message: '每小时最多发布 5 条寄语' };
    await consumeRateLimit(custom, t0);
    expect((await refusal(consumeRateLimit(custom, t0 + 1)))!.message).toBe('每小时最多发布 5 条寄语');
  });
});
