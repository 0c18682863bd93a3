// Session tokens through the real handlers: expiry (TOKEN_TTL_SECONDS), tampering, foreign signatures.
import { SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  delete process.env.TOKEN_TTL_SECONDS;
});
afterEach(() => {
  jest.restoreAllMocks();
});

const me = (token: string) => app.request('GET', '/v1/me', { token });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('session tokens', () => {
  it('are accepted within TOKEN_TTL_SECONDS and refused with 401 "expired" after it', async () => {
    process.env.TOKEN_TTL_SECONDS = '60';
    const fresh = await app.login('ttl_user');
    expect((await me(fresh.token)).status).toBe(200);

    // Signed in two minutes ago with a 60 s lifetime.
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() - 120_000);
    const old = await app.login('ttl_user');
    jest.restoreAllMocks();
    const res = await me(old.token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.body.error.message).toBe('登录已过期，请重新登录');
    delete process.env.TOKEN_TTL_SECONDS;
  });

  it('refuse a token whose claims were changed (another user id), with 401 "invalid"', async () => {
    const victim = await app.login('victim');
    const attacker = await app.login('attacker');
    const [header, payload, signature] = attacker.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [header, b64({ ...claims, sub: victim.userId }), signature].join('.');
    const res = await me(forged);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('登录凭证无效，请重新登录');
  });

  it('refuse a token with a flipped signature, an unsigned token and one signed with another secret', async () => {
    const { token, userId } = await app.login('holder');
    const [header, payload, signature] = token.split('.');
    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const unsigned = `${b64({ alg: 'none' })}.${payload}.`;
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('red-circle')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-0123456789abcdef0123456789'));
    for (const bad of [flipped, unsigned, foreign, `${token}x`]) {
      const res = await me(bad);
      expect({ bad, status: res.status, code: res.body.error.code }).toEqual({
        bad,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('accept a token that a standard JWT library signs with our secret, and refuse one without an expiry', async () => {
    const { userId } = await app.login('standard');
    const secret = new TextEncoder().encode(process.env.TOKEN_SECRET!);
    const sign = (expires: boolean, alg: 'HS256' | 'HS512' = 'HS256') => {
      const jwt = new SignJWT({})
        .setProtectedHeader({ alg })
        .setSubject(userId)
        .setIssuer('red-circle')
        .setIssuedAt();
      return (expires ? jwt.setExpirationTime('1h') : jwt).sign(secret);
    };
    expect((await me(await sign(true))).status).toBe(200);
    // Without `exp` a stolen token would open the account forever.
    const forever = await me(await sign(false));
    expect({ status: forever.status, message: forever.body.error.message }).toEqual({
      status: 401,
      message: '登录凭证无效，请重新登录',
    });
    // Our secret, but not the algorithm we issue.
    expect((await me(await sign(true, 'HS512'))).status).toBe(401);
    // Another issuer, our secret.
    const otherIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('someone-else')
      .setExpirationTime('1h')
      .sign(secret);
    expect((await me(otherIssuer)).status).toBe(401);
  });

  it('refuse a malformed Authorization header', async () => {
    const { token } = await app.login('holder2');
    const res = await app.request('GET', '/v1/me', { headers: { authorization: `Token ${token}` } });
    expect(res.status).toBe(401);
  });
});
