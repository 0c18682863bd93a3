// Nicknames pass WeChat's content check (msgSecCheck v2, scene 1 = profiles) when CONTENT_CHECK=wechat, against a
// local HTTP stand-in of WeChat's endpoints; refused or unchecked nicknames are never stored.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearWechatTokenCache } from '../../functions/wall/content/wechatChecker';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(60_000); // many requests per test, on a shared CI machine

const checks: Record<string, unknown>[] = [];
const verdicts: (string | 'http500')[] = [];
let server: Server;
let app: TestApp;

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const send = (obj: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (req.url?.startsWith('/cgi-bin/stable_token'))
        return send({ access_token: 'token-1', expires_in: 7200 });
      checks.push(JSON.parse(data || '{}') as Record<string, unknown>);
      const verdict = verdicts.shift() ?? 'pass';
      if (verdict === 'http500') {
        res.writeHead(500);
        return res.end('oops');
      }
      send({
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: verdict, label: verdict === 'pass' ? 100 : 20003 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.CONTENT_CHECK = 'wechat';
  process.env.WECHAT_API_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.WECHAT_APP_ID = 'wx-test-app';
  process.env.WECHAT_APP_SECRET = 'test-app-secret';
  clearWechatTokenCache();
  app = await startTestApp();
});
afterAll(async () => {
  delete process.env.CONTENT_CHECK;
  await app.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const rename = (token: string, nickname: string) =>
  app.request('PATCH', '/v1/me', { token, body: { nickname } });

it('asks msgSecCheck with scene 1 (profiles) and the user’s openid; a pass is stored', async () => {
  const user = await app.login('wx_nick_ok');
  const res = await rename(user.token, '环翠楼志愿者');
  expect(res.status).toBe(200);
  expect(res.body.user.nickname).toBe('环翠楼志愿者');
  expect(checks.at(-1)).toEqual({ content: '环翠楼志愿者', version: 2, scene: 1, openid: 'wx_nick_ok' });
});

it.each([
  ['risky', '昵称含有不适宜的内容，请修改'],
  ['review', '昵称未通过内容安全检查，请换一个昵称'],
  ['http500', '昵称未通过内容安全检查，请换一个昵称'],
])('%s → 422 CONTENT_REJECTED in Chinese, the nickname unchanged', async (verdict, message) => {
  const user = await app.login(`wx_nick_${verdict}`);
  const before = (await app.request('GET', '/v1/me', { token: user.token })).body.user.nickname;
  verdicts.push(verdict);
  const res = await rename(user.token, '某个昵称');
  expect(res.status).toBe(422);
  expect(res.body.error).toMatchObject({ code: 'CONTENT_REJECTED', message });
  expect((await app.request('GET', '/v1/me', { token: user.token })).body.user.nickname).toBe(before);
});

it('an unchanged nickname or another field is not checked', async () => {
  const user = await app.login('wx_nick_same');
  const me = (await app.request('GET', '/v1/me', { token: user.token })).body.user;
  const count = checks.length;
  expect((await rename(user.token, me.nickname)).status).toBe(200);
  expect(
    (await app.request('PATCH', '/v1/me', { token: user.token, body: { identity: 'resident' } })).status,
  ).toBe(200);
  expect(checks.length).toBe(count);
});
