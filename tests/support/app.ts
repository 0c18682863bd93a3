// Integration harness: an in-memory embedded store with the real table, the real handlers behind the local gateway
// (routes read from serverless.yml), and a small client. Each test file gets its own store, so files never share data.
import { LocalGateway } from '../../infra/local/gateway';
import { ensureTable, startEmbeddedStore, type EmbeddedStore } from '../../infra/local/store';
import { resetDbClient } from '../../functions/lib/db';

export interface ApiResponse<T = any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  gateway: LocalGateway;
  endpoint: string;
  request<T = any>(method: string, url: string, options?: RequestOptions): Promise<ApiResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Signs in with the local provider (`dev:<openid>`) and returns the token and user id. */
  login(openid: string): Promise<{ token: string; userId: string }>;
  /** Signs in and grants roles through the admin API. */
  userWithRoles(openid: string, roles: string[]): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const store: EmbeddedStore = await startEmbeddedStore();
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  resetDbClient();
  await ensureTable(store.endpoint, process.env.TABLE_NAME!);
  const gateway = new LocalGateway();

  const app: TestApp = {
    gateway,
    endpoint: store.endpoint,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await gateway.handle({ method, url, headers, body });
      const text = typeof res.body === 'string' ? res.body : res.body.toString('latin1');
      let parsed: unknown = res.body;
      if ((res.headers['content-type'] ?? '').includes('application/json') && text) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed as never, text };
    },
    async login(openid) {
      const res = await app.request('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
      return { token: res.body.token, userId: res.body.user.id };
    },
    async userWithRoles(openid, roles) {
      const admin = await app.login('admin');
      const user = await app.login(openid);
      const res = await app.request('PUT', `/v1/admin/users/${user.userId}/roles`, {
        token: admin.token,
        body: { roles },
      });
      if (res.status !== 200) throw new Error(`granting roles failed: ${res.status} ${res.text}`);
      return user;
    },
    async close() {
      resetDbClient();
      await store.close();
    },
  };
  return app;
}
