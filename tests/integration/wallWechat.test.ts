// The WeChat content check (msgSecCheck v2 + stable_token) against a local HTTP stand-in of WeChat's endpoints.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearWechatTokenCache, createWechatChecker } from '../../functions/wall/content/wechatChecker';
import { startTestApp, type TestApp } from '../support/app';

interface Recorded {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** Scripted behaviour of the stand-in: what msg_sec_check and stable_token answer next. */
const standIn = {
  calls: [] as Recorded[],
  tokenReplies: [] as Record<string, unknown>[],
  checkReplies: [] as (Record<string, unknown> | 'http500' | 'hang')[],
  tokenCounter: 0,
};

let server: Server;
let app: TestApp;
let staff: { token: string; userId: string };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    standIn.calls.push({ path: url.pathname, query: url.searchParams, body });
    const send = (obj: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
      const scripted = standIn.tokenReplies.shift();
      return send(scripted ?? { access_token: `token-${++standIn.tokenCounter}`, expires_in: 7200 });
    }
    if (url.pathname === '/wxa/msg_sec_check' && req.method === 'POST') {
      const scripted = standIn.checkReplies.shift() ?? {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: 'pass', label: 100 },
      };
      if (scripted === 'http500') {
        res.writeHead(500);
        return res.end('oops');
      }
      if (scripted === 'hang') return; // never answers: the adapter must time out
      return send(scripted);
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.CONTENT_CHECK = 'wechat';
  process.env.WECHAT_API_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.WECHAT_APP_ID = 'wx-test-app';
  process.env.WECHAT_APP_SECRET = 'test-app-secret';
  app = await startTestApp();
  staff = await app.userWithRoles('wx_staff', ['staff']);
});
afterAll(async () => {
  delete process.env.CONTENT_CHECK;
  await app.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  standIn.calls = [];
  standIn.tokenReplies = [];
  standIn.checkReplies = [];
  standIn.tokenCounter = 0;
  clearWechatTokenCache();
});

const setMode = (moderation: 'pre' | 'post') =>
  app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation } });

let n = 0;
async function post(text: string) {
  const { token } = await app.login(`wx_user_${n++}`);
  return app.request('POST', '/v1/messages', { token, body: { text } });
}

const suggest = (s: string, label = 100) => ({ errcode: 0, errmsg: 'ok', result: { suggest: s, label } });

describe('msgSecCheck v2 mapping', () => {
  it('sends content, version 2, scene 2 and the author’s openid, with a stable_token access token', async () => {
    await setMode('post');
    const res = await post('欢迎回家');
    expect(res.status).toBe(201);
    const [tokenCall, checkCall] = standIn.calls;
    expect(tokenCall.path).toBe('/cgi-bin/stable_token');
    expect(tokenCall.body).toEqual({
      grant_type: 'client_credential',
      appid: 'wx-test-app',
      secret: 'test-app-secret',
      force_refresh: false,
    });
    expect(checkCall.path).toBe('/wxa/msg_sec_check');
    expect(checkCall.query.get('access_token')).toBe('token-1');
    expect(checkCall.body).toEqual({ content: '欢迎回家', version: 2, scene: 2, openid: `wx_user_${n - 1}` });
  });

  it('pass publishes under post-moderation and queues under pre-moderation', async () => {
    await setMode('post');
    standIn.checkReplies.push(suggest('pass'));
    expect((await post('通过即发')).body.message.status).toBe('published');
    await setMode('pre');
    standIn.checkReplies.push(suggest('pass'));
    expect((await post('通过待审')).body.message.status).toBe('pending');
  });

  it('review queues even under post-moderation, and staff see WeChat’s label', async () => {
    await setMode('post');
    standIn.checkReplies.push(suggest('review', 10001));
    const res = await post('疑似广告');
    expect(res.body.message.status).toBe('pending');
    const queue = await app.request('GET', '/v1/admin/messages?status=pending&limit=100', {
      token: staff.token,
    });
    const queued = queue.body.items.find((m: { id: string }) => m.id === res.body.message.id);
    expect(queued.check).toEqual({ provider: 'wechat', suggest: 'review', label: 'advertising' });
  });

  it('risky is refused with 422 CONTENT_REJECTED and nothing is stored', async () => {
    await setMode('post');
    standIn.checkReplies.push(suggest('risky', 20001));
    const { token } = await app.login('wx_risky');
    const res = await app.request('POST', '/v1/messages', { token, body: { text: '有风险的内容' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONTENT_REJECTED');
    expect((await app.request('GET', '/v1/me/messages', { token })).body.items).toEqual([]);
  });

  it('reuses the cached access token across checks', async () => {
    await setMode('post');
    await post('一');
    await post('二');
    expect(standIn.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('fetches a fresh token once when WeChat says the token expired (42001), then honours the verdict', async () => {
    await setMode('post');
    standIn.checkReplies.push({ errcode: 42001, errmsg: 'access_token expired' }, suggest('pass'));
    const res = await post('令牌过期');
    expect(res.body.message.status).toBe('published');
    const checks = standIn.calls.filter((c) => c.path === '/wxa/msg_sec_check');
    expect(checks.map((c) => c.query.get('access_token'))).toEqual(['token-1', 'token-2']);
  });
});

describe('failing closed: an unchecked message is never published', () => {
  const failures: [string, () => void][] = [
    ['an errcode (-1 system busy)', () => standIn.checkReplies.push({ errcode: -1, errmsg: 'system error' })],
    [
      'an errcode (40003 invalid openid)',
      () => standIn.checkReplies.push({ errcode: 40003, errmsg: 'invalid openid' }),
    ],
    ['a reply without a suggestion', () => standIn.checkReplies.push({ errcode: 0, errmsg: 'ok' })],
    ['an HTTP 500', () => standIn.checkReplies.push('http500')],
    [
      'stable_token refusing (40125 bad secret)',
      () => standIn.tokenReplies.push({ errcode: 40125, errmsg: 'invalid appsecret' }),
    ],
    [
      'a token that stays expired',
      () =>
        standIn.checkReplies.push(
          { errcode: 42001, errmsg: 'expired' },
          { errcode: 42001, errmsg: 'expired' },
        ),
    ],
  ];
  it.each(failures)('%s → pending under post-moderation', async (_label, arrange) => {
    await setMode('post');
    arrange();
    const res = await post('检查失败时');
    expect(res.status).toBe(201);
    expect(res.body.message.status).toBe('pending');
    const queue = await app.request('GET', '/v1/admin/messages?status=pending&limit=100', {
      token: staff.token,
    });
    const queued = queue.body.items.find((m: { id: string }) => m.id === res.body.message.id);
    expect(queued.check.provider).toBe('wechat');
    expect(queued.check.label).toMatch(/^unchecked/);
  });

  it('WeChat unreachable → pending', async () => {
    await setMode('post');
    const base = process.env.WECHAT_API_BASE;
    process.env.WECHAT_API_BASE = 'http://127.0.0.1:9'; // discard port: connection refused
    try {
      const res = await post('连不上微信');
      expect(res.body.message.status).toBe('pending');
    } finally {
      process.env.WECHAT_API_BASE = base;
    }
  });

  it('WeChat not answering → review once the timeout passes', async () => {
    standIn.checkReplies.push('hang');
    const checker = createWechatChecker({
      appId: 'wx-test-app',
      appSecret: 's',
      apiBase: process.env.WECHAT_API_BASE!,
      timeoutMs: 200,
    });
    expect(await checker.check({ text: '超时', openid: 'o1' })).toEqual({
      suggest: 'review',
      provider: 'wechat',
      label: 'unchecked: unavailable',
    });
  });
});
