// functions/lib/secrets.ts: on Lambda a function's secrets come from SSM Parameter Store (GetParameters with
// decryption) once per cold start and are cached; locally (no RC_SECRETS) they come from the environment as before.
// SSM is a local HTTP stand-in here (AWS_ENDPOINT_URL_SSM), answering GetParameters from a map.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { config } from '../../functions/lib/config';
import { loadSecrets, resetSecretsCache, secret, SecretsUnavailableError } from '../../functions/lib/secrets';

describe('secrets from SSM Parameter Store', () => {
  let server: Server;
  const stored = new Map<string, string>();
  const calls: { names: string[]; withDecryption: boolean }[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const input = JSON.parse(body) as { Names: string[]; WithDecryption: boolean };
        calls.push({ names: input.Names, withDecryption: input.WithDecryption });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            Parameters: input.Names.filter((n) => stored.has(n)).map((n) => ({
              Name: n,
              Type: 'SecureString',
              Value: stored.get(n),
            })),
            InvalidParameters: input.Names.filter((n) => !stored.has(n)),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.AWS_ENDPOINT_URL_SSM = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    process.env.AWS_REGION = 'cn-northwest-1';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  });

  afterAll(async () => {
    process.env = saved;
    resetSecretsCache();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    resetSecretsCache();
    calls.length = 0;
    stored.clear();
    delete process.env.RC_SECRETS;
    process.env.RC_SSM_PREFIX = '/red-circle/prod/';
    process.env.TOKEN_SECRET = 'from-the-environment';
  });

  it('reads the environment when the function names no SSM secrets (local runtime, tests)', async () => {
    await loadSecrets();
    expect(config.tokenSecret()).toBe('from-the-environment');
    expect(calls).toEqual([]);
  });

  it('reads the named secrets once, decrypted, and answers from the cache afterwards', async () => {
    process.env.RC_SECRETS = 'TOKEN_SECRET,ADMIN_OPENIDS';
    stored.set('/red-circle/prod/token-secret', 'from-ssm');
    stored.set('/red-circle/prod/admin-openids', 'o1, o2');
    expect(() => secret('TOKEN_SECRET')).toThrow(SecretsUnavailableError);
    await Promise.all([loadSecrets(), loadSecrets()]);
    await loadSecrets();
    expect(calls).toEqual([
      { names: ['/red-circle/prod/token-secret', '/red-circle/prod/admin-openids'], withDecryption: true },
    ]);
    expect(config.tokenSecret()).toBe('from-ssm');
    expect(config.adminOpenids()).toEqual(['o1', 'o2']);
    // A secret the function does not name still comes from the environment.
    process.env.QR_KEYS = 'v1:local-key-0123456789';
    expect(config.qrKeys()).toBe('v1:local-key-0123456789');
  });

  it('reads again after five minutes, and keeps the last good values when SSM then fails', async () => {
    process.env.RC_SECRETS = 'TOKEN_SECRET';
    stored.set('/red-circle/prod/token-secret', 'first');
    await loadSecrets(Date.now());
    stored.set('/red-circle/prod/token-secret', 'rotated');
    await loadSecrets(Date.now() + 60_000);
    expect(config.tokenSecret()).toBe('first');
    await loadSecrets(Date.now() + 6 * 60_000);
    expect(config.tokenSecret()).toBe('rotated');
    stored.clear();
    await loadSecrets(Date.now() + 12 * 60_000);
    expect(config.tokenSecret()).toBe('rotated');
    expect(calls).toHaveLength(3);
  });

  it('fails the cold start on a missing required parameter, not on a missing optional one', async () => {
    process.env.RC_SECRETS = 'ADMIN_OPENIDS';
    await loadSecrets();
    expect(config.adminOpenids()).toEqual([]);
    resetSecretsCache();
    process.env.RC_SECRETS = 'TOKEN_SECRET,ADMIN_OPENIDS';
    await expect(loadSecrets()).rejects.toThrow('missing SSM parameters: TOKEN_SECRET');
  });
});
