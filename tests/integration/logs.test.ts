// Issue 17: no secret reaches a log. A representative flow — sign in through a stand-in for WeChat's code2Session,
// set a phone number, sign up for an event, check in with a door code, claim and redeem an offer, post a message,
// export my data — runs through the local runtime (infra/local/server.ts over HTTP, the real handlers behind it);
// then the demo seeders and every scheduled function run once, as `npm start` runs them. All of it logs at debug
// level while everything written to stdout, stderr and the console is captured, and the capture is searched for the
// token secret, the QR keys, the WeChat app secret and session_key, any JWT, the door code and the claim code handed
// out, and any full 11-digit phone number: none.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetSignInProvider } from '../../functions/auth/authService';
import { loadHandler } from '../../infra/local/gateway';
import { seedDemoData } from '../../infra/local/seed';
import { createAppServer } from '../../infra/local/server';
import { scheduledFunctions } from '../../infra/local/serverlessConfig';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

const APP_SECRET = 'wechat-app-secret-0123456789abcdef';
const SESSION_KEY = 'SESSION-KEY-tiDrYc6sBGcW8hZq3w==';
const PHONE = '13912345678';
const CONTACT_PHONE = '13800138000';

let wechat: Server;
let runtime: Server;
let app: TestApp;
let base = '';
const savedEnv = { ...process.env };
const captured: string[] = [];
const spies: jest.SpyInstance[] = [];

function capture(): void {
  const keep = (chunk: unknown) => captured.push(typeof chunk === 'string' ? chunk : String(chunk));
  for (const stream of [process.stdout, process.stderr])
    spies.push(
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        keep(chunk);
        return true;
      }),
    );
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    spies.push(
      jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => keep(args.map(String).join(' '))),
    );
}

beforeAll(async () => {
  // The stand-in answers `code-<name>` with the openid `<name>` and a session_key, as WeChat does (JSON as text).
  wechat = createServer((req, res) => {
    const code = new URL(req.url ?? '/', 'http://stand-in').searchParams.get('js_code') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(JSON.stringify({ openid: code.replace(/^code-/, ''), session_key: SESSION_KEY }));
  });
  await new Promise<void>((resolve) => wechat.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AUTH_PROVIDER: 'wechat',
    WECHAT_APP_ID: 'wx0123456789abcdef',
    WECHAT_APP_SECRET: APP_SECRET,
    WECHAT_API_BASE: `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`,
    LOG_LEVEL: 'debug',
  });
  resetSignInProvider();
  app = await startTestApp();
  runtime = createAppServer(app.gateway, '/nonexistent-h5-build');
  await new Promise<void>((resolve) => runtime.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(runtime.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await new Promise((resolve) => runtime?.close(resolve));
  await app?.close();
  await new Promise((resolve) => wechat?.close(resolve));
  process.env = savedEnv;
  resetSignInProvider();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': `logs-${Math.random()}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const signIn = async (name: string) =>
  (await call('POST', '/v1/auth/login', undefined, { code: `code-${name}` })) as {
    token: string;
    user: { id: string };
  };
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

it('a full flow at debug level writes no secret, token, code or phone number to any log', async () => {
  capture();
  const admin = await signIn('admin');
  const staff = await signIn('logs_staff');
  await call('PUT', `/v1/admin/users/${staff.user.id}/roles`, admin.token, { roles: ['staff'] });
  const alice = await signIn('logs_alice');
  await call('PATCH', '/v1/me', alice.token, { nickname: '日志测试', phone: PHONE });

  const event = await call('POST', '/v1/events', staff.token, {
    kind: 'party_lesson',
    title: '刘公岛行走的党课',
    description: '参观甲午战争博物馆',
    location: '刘公岛',
    startsAt: inMinutes(3 * 24 * 60),
    endsAt: inMinutes(3 * 24 * 60 + 120),
    capacity: 10,
  });
  await call('POST', `/v1/events/${event.event.id}/signups`, alice.token, {});

  const space = await call('POST', '/v1/spaces', admin.token, {
    name: '日志空间',
    address: '环翠楼街道 1 号',
    capacity: 5,
  });
  const door = await call('GET', `/v1/spaces/${space.space.id}/qrcode`, staff.token);
  await call('POST', `/v1/spaces/${space.space.id}/checkins`, alice.token, { token: door.token });

  const shopOwner = await signIn('logs_shop');
  const applied = await call('POST', '/v1/merchants', shopOwner.token, {
    name: '日志小店',
    category: '餐饮',
    address: '环翠楼街道 2 号',
    contact: CONTACT_PHONE,
  });
  await call('POST', `/v1/admin/merchants/${applied.merchant.id}/decision`, staff.token, {
    decision: 'approve',
  });
  const offer = await call('POST', '/v1/offers', shopOwner.token, {
    title: '职工九折',
    description: '凭券享受九折优惠',
    alliance: 'industry',
    quantity: 10,
    validFrom: inMinutes(-1),
    validUntil: inMinutes(24 * 60),
  });
  const claimed = await call('POST', `/v1/offers/${offer.offer.id}/claims`, alice.token);
  await call('POST', '/v1/redemptions', shopOwner.token, { code: claimed.claim.code });
  // A wrong code too: refusals are logged as well.
  await fetch(`${base}/v1/redemptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${shopOwner.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'WRONG-CODE' }),
  });

  await call('POST', '/v1/messages', alice.token, { text: `我的电话是 ${PHONE}，欢迎联系` });
  const exported = await call('GET', '/v1/me/export', alice.token);
  expect(JSON.stringify(exported)).toContain(PHONE); // the export is the one place the person's phone goes

  // What `npm start` does besides answering requests: demo data on a first start, and every scheduled function
  // (sweepers, reminders, reconcilers, automatic check-out), run once as the local runtime runs them.
  await seedDemoData((line) => console.log(line));
  for (const job of scheduledFunctions()) {
    const handler = (await loadHandler(job.handler)) as unknown as (event: unknown) => Promise<unknown>;
    await handler({ source: 'local.schedule', 'detail-type': 'Scheduled Event' });
  }

  for (const spy of spies) spy.mockRestore();
  spies.length = 0;
  const logs = captured.join('\n');
  // The flow was logged (one line per request at least), so an empty capture cannot pass.
  expect(logs.match(/"message":"request"/g)?.length ?? 0).toBeGreaterThanOrEqual(15);

  const secrets = {
    tokenSecret: process.env.TOKEN_SECRET!,
    ...Object.fromEntries(
      (process.env.QR_KEYS ?? '').split(',').map((k, i) => [`qrKey${i}`, k.split(':').pop()!]),
    ),
    appSecret: APP_SECRET,
    sessionKey: SESSION_KEY,
    aliceToken: alice.token,
    doorCode: door.token as string,
    claimCode: claimed.claim.code as string,
  };
  for (const [name, secret] of Object.entries(secrets))
    expect({ name, logged: logs.includes(secret) }).toEqual({ name, logged: false });
  expect(logs.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []).toEqual([]);
  expect(logs.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? []).toEqual([]);
});
