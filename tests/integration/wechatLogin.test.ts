// Sign-in with the WeChat provider, through the real login handler, against a local stand-in for WeChat's
// code2Session endpoint (GET /sns/jscode2session) that answers as WeChat does (JSON sent as text/plain).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetSignInProvider } from '../../functions/auth/authService';
import { startTestApp, type TestApp } from '../support/app';

const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'app-secret-never-logged-0123456789';
const SESSION_KEY = 'SESSION-KEY-tiDrYc6sBGcW8hZq3w==';

type Answer = (res: ServerResponse) => void;
const json =
  (body: unknown): Answer =>
  (res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

/** What the stand-in answers, by js_code. */
const answers: Record<string, Answer> = {
  'code-ok-alice': json({ openid: 'o_alice_openid', session_key: SESSION_KEY, unionid: 'u_alice' }),
  'code-ok-bob': json({ openid: 'o_bob_openid', session_key: SESSION_KEY }),
  'code-used': json({ errcode: 40029, errmsg: 'invalid code, rid: 6747f1a2-1b2c3d4e' }),
  'code-flood': json({
    errcode: 45011,
    errmsg: 'api minute-quota reach limit  mustslower  retry next minute',
  }),
  'code-risky': json({ errcode: 40226, errmsg: 'code blocked' }),
  'code-busy': json({ errcode: -1, errmsg: 'system error' }),
  'code-not-json': json('<html>502 Bad Gateway</html>'),
  'code-null': json('null'),
  'code-no-openid': json({ session_key: SESSION_KEY }),
  'code-http-500': (res) => {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('internal error');
  },
  'code-hangs': () => {
    // Never answers: the provider's timeout must turn this into a 503.
  },
};

let server: Server;
const seen: URL[] = [];
const hanging: ServerResponse[] = [];
let app: TestApp;
let logs: string[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    seen.push(url);
    if (url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    // Any code WeChat did not issue is refused as invalid, as the real endpoint does.
    const answer =
      answers[url.searchParams.get('js_code') ?? ''] ?? json({ errcode: 40029, errmsg: 'invalid code' });
    if (url.searchParams.get('js_code') === 'code-hangs') hanging.push(res);
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    AUTH_PROVIDER: 'wechat',
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: APP_SECRET,
    WECHAT_API_BASE: `http://127.0.0.1:${port}`,
    WECHAT_TIMEOUT_MS: '300',
  });
  resetSignInProvider();
  app = await startTestApp();
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await app.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.env = savedEnv;
  resetSignInProvider();
});

/** Signs in, capturing every log line (at debug level) the request writes, so tests can check what is never logged. */
async function login(code: string) {
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'debug';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logs.push(String(chunk));
    return true;
  });
  try {
    return await app.request('POST', '/v1/auth/login', { body: { code } });
  } finally {
    spy.mockRestore();
    process.env.LOG_LEVEL = level;
  }
}

beforeEach(() => {
  logs = [];
});

afterEach(() => {
  // Neither the app secret nor a session_key is ever written to a log line.
  expect(logs.join('')).not.toContain(APP_SECRET);
  expect(logs.join('')).not.toContain(SESSION_KEY);
});

describe('WeChat sign-in (code2Session)', () => {
  it('exchanges the code for the openid and never returns the session_key', async () => {
    const res = await login('code-ok-alice');
    expect(res.status).toBe(200);
    expect(typeof res.body.token).toBe('string');
    expect(res.body.user.roles).toEqual([]);
    expect(res.text).not.toContain(SESSION_KEY);
    expect(res.text).not.toContain('session_key');
    expect(res.text).not.toContain('o_alice_openid');

    const call = seen.at(-1)!;
    expect(call.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(call.searchParams)).toEqual({
      appid: APP_ID,
      secret: APP_SECRET,
      js_code: 'code-ok-alice',
      grant_type: 'authorization_code',
    });

    const me = await app.request('GET', '/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it('gives the same user for the same openid on the next sign-in, another user for another openid', async () => {
    const first = await login('code-ok-alice');
    const again = await login('code-ok-alice');
    const bob = await login('code-ok-bob');
    expect(again.body.user.id).toBe(first.body.user.id);
    expect(bob.body.user.id).not.toBe(first.body.user.id);
  });

  it('does not accept the local dev: codes (WeChat refuses them as invalid)', async () => {
    const res = await login('dev:admin');
    expect(res.status).toBe(401);
    expect(seen.at(-1)!.searchParams.get('js_code')).toBe('dev:admin');
  });

  it('40029 (invalid or used code) → 401', async () => {
    const res = await login('code-used');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.body.error.message).toMatch(/微信登录凭证/);
    expect(res.body.error.requestId).toBeTruthy();
  });

  it('45011 (WeChat rate limit) → 429 with Retry-After', async () => {
    const res = await login('code-flood');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('40226 (high-risk user) → 403', async () => {
    const res = await login('code-risky');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['-1 (system busy)', 'code-busy'],
    ['a reply that is not JSON', 'code-not-json'],
    ['a JSON null', 'code-null'],
    ['a reply without openid', 'code-no-openid'],
    ['an HTTP 500', 'code-http-500'],
    ['no answer before the timeout', 'code-hangs'],
  ])('%s → 503, safe to retry, with no internals in the body', async (_what, code) => {
    const res = await login(code);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    expect(res.text).not.toMatch(/errcode|jscode2session|127\.0\.0\.1|stack/i);
    // The cause is logged for operators.
    expect(logs.join('')).toContain('"level":"warn"');
  });

  it('503 when WeChat cannot be reached at all', async () => {
    const { port } = server.address() as AddressInfo;
    // A port nothing listens on: connection refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.WECHAT_API_BASE = `http://127.0.0.1:${deadPort}`;
    resetSignInProvider();
    try {
      const res = await login('code-ok-alice');
      expect(res.status).toBe(503);
    } finally {
      process.env.WECHAT_API_BASE = `http://127.0.0.1:${port}`;
      resetSignInProvider();
    }
  });
});
