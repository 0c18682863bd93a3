// Issue 17, the boundary: defects 1, 2, 3 and 7 — oversized bodies, malformed escapes, invalid UTF-8 and lone
// surrogates, control/invisible characters, coerced query numbers, far-future dates, Node's own refusals. Each
// answer is the contract's error body, and nothing is written.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import path from 'node:path';
import { createAppServer } from '../../infra/local/server';
import { ROOT } from '../../infra/local/serverlessConfig';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
let base: { host: string; port: number };
let server: ReturnType<typeof createAppServer>;
let token: string;
let admin: string;

beforeAll(async () => {
  app = await startTestApp();
  server = createAppServer(app.gateway, path.join(ROOT, 'miniapp', 'dist', 'h5'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  token = (await app.login('boundary-user')).token;
  admin = (await app.login('admin')).token;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: Record<string, string> };
}
interface Reply {
  status: number;
  headers: Record<string, unknown>;
  json: ErrorBody;
}

/** One raw HTTP request to the local server (what `npm start` serves). */
function send(
  method: string,
  pathAndQuery: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ ...base, method, path: pathAndQuery, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = { error: { code: 'NOT_JSON', message: text, requestId: '' } };
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: json as ErrorBody });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Bytes written straight to the socket, for requests Node's client would refuse to send. */
function sendRaw(raw: Buffer | string): Promise<{ status: number; body: ErrorBody | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect(base.port, base.host, () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(rest.join('\r\n\r\n') || 'null') });
    });
  });
}

const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const myMessages = async () =>
  (await app.request('GET', '/v1/me/messages', { token })).body.items as { text: string }[];

const expectContractError = (reply: Reply, status: number, code: string) => {
  expect({ status: reply.status, code: reply.json?.error?.code }).toEqual({ status, code });
  expect(reply.json.error.requestId).toMatch(/\S/);
  expect(reply.json.error.message).toMatch(/[\u4e00-\u9fff]/);
};

describe('bodies', () => {
  it('refuses a body over 64 KiB with 413, whole, even when it starts as valid JSON (defect 1)', async () => {
    const padded = `{"text":"超大请求体"}${' '.repeat(2 * 1024 * 1024)}`;
    const reply = await send('POST', '/v1/messages', padded, auth());
    expectContractError(reply, 413, 'PAYLOAD_TOO_LARGE');
    const justOver = JSON.stringify({ text: 'x'.repeat(70 * 1024) });
    expectContractError(await send('POST', '/v1/messages', justOver, auth()), 413, 'PAYLOAD_TOO_LARGE');
    expect((await myMessages()).map((m) => m.text)).not.toContain('超大请求体');
  });

  it('refuses bytes that are not UTF-8 with 400 and stores nothing (defect 3)', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"text":"坏字节'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]);
    expectContractError(await send('POST', '/v1/messages', invalid, auth()), 400, 'BAD_REQUEST');
    expect((await myMessages()).some((m) => m.text.includes('坏字节'))).toBe(false);
  });

  it('refuses a lone surrogate spelled as a JSON escape with 400 (defect 3)', async () => {
    const reply = await send('POST', '/v1/messages', '{"text":"孤立代理\\ud800"}', auth());
    expectContractError(reply, 400, 'BAD_REQUEST');
    const asKey = await send('POST', '/v1/spaces', '{"name":"a","address":"b","capacity":5,"\\udc00":1}', {
      ...auth(),
      authorization: `Bearer ${admin}`,
    });
    expectContractError(asKey, 400, 'BAD_REQUEST');
    expect((await myMessages()).some((m) => m.text.includes('孤立代理'))).toBe(false);
  });
});

describe('paths and Node’s own refusals', () => {
  it.each(['/v1/events/%E0%A4%A', '/v1/offers/%', '/%E0%A4%A'])(
    'answers a malformed percent-escape in %s with 400 in the contract shape (defect 2)',
    async (p) => {
      const reply = await send('GET', p);
      expectContractError(reply, 400, 'BAD_REQUEST');
      expect(reply.headers['x-request-id']).toBe(reply.json.error.requestId);
    },
  );

  it('answers headers over 16 KiB with 431, and an unknown method or a non-ASCII path with 400, each with a body (defect 7)', async () => {
    const huge = await sendRaw(`GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect({ status: huge.status, code: huge.body?.error?.code }).toEqual({
      status: 431,
      code: 'HEADERS_TOO_LARGE',
    });
    const method = await sendRaw('BREW /v1/events HTTP/1.1\r\nHost: x\r\n\r\n');
    expect({ status: method.status, code: method.body?.error?.code }).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
    });
    const bytes = await sendRaw(
      Buffer.concat([
        Buffer.from('GET /v1/events/'),
        Buffer.from([0xe4, 0xbd, 0xa0]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
      ]),
    );
    expect({ status: bytes.status, code: bytes.body?.error?.code }).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
    });
  });
});

describe('values', () => {
  it.each(['0x10', '1e2', '  5', '5.0', '+5'])(
    'refuses limit=%s: plain decimal integers only (defect 7)',
    async (limit) => {
      const reply = await app.request('GET', `/v1/events?limit=${encodeURIComponent(limit)}`);
      expect({ status: reply.status, field: Object.keys(reply.body.error.fields ?? {}) }).toEqual({
        status: 422,
        field: ['limit'],
      });
    },
  );

  it('still reads limit=5 and no limit', async () => {
    expect((await app.request('GET', '/v1/events?limit=5')).status).toBe(200);
    expect((await app.request('GET', '/v1/events')).status).toBe(200);
  });

  it('refuses an instant past year 9999 in UTC (defect 7)', async () => {
    const reply = await app.request('POST', '/v1/events', {
      token: admin,
      body: {
        kind: 'activity',
        title: '远未来活动',
        description: '',
        location: '服务中心',
        startsAt: '9999-12-31T20:00:00-08:00',
        endsAt: '9999-12-31T22:00:00-08:00',
        capacity: 10,
      },
    });
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.error.fields)).toEqual(expect.arrayContaining(['startsAt']));
  });

  it('removes control, bidi and zero-width characters from what people type, and refuses text made only of them (defect 3)', async () => {
    const invisible = await app.request('POST', '/v1/messages', {
      token,
      body: { text: '\u200b\u200d\u2060\ufeff' },
    });
    expect({ status: invisible.status, fields: invisible.body.error.fields }).toEqual({
      status: 422,
      fields: { text: '不能为空' },
    });
    const nick = await app.request('PATCH', '/v1/me', {
      token,
      body: { nickname: '小\u0000王\u202e\r\n同志\u200b' },
    });
    expect(nick.status).toBe(200);
    expect(nick.body.user.nickname).toBe('小王 同志');
    const posted = await app.request('POST', '/v1/messages', {
      token,
      body: { text: '第一行\r\n第二行\u202e\u0007' },
    });
    expect(posted.status).toBeLessThan(300);
    expect(posted.body.message.text).toBe('第一行\n第二行');
  });
});
