// Integration harness: an in-memory embedded store with the real table, the real handlers behind the local gateway
// (routes read from serverless.yml), and a small client. Each test file gets its own store, so files never share data.
import { asDeployed } from './iamGuard';
import { LocalGateway } from '../../infra/local/gateway';
import { ensureTable, startEmbeddedStore, type EmbeddedStore } from '../../infra/local/store';
import { startStreamConsumers } from '../../infra/local/streams';
import { resetDbClient } from '../../functions/lib/db';
import { startLaggingStore } from './indexLag';
import { injectStoreFaults, type StoreFaultOptions, type StoreFaults } from './storeFaults';
import { assertOnContract, violations } from './contract';

// Every reply is checked against docs/openapi.json (./contract.ts): app.request throws on the first reply off the
// contract, and a file whose tests swallowed that error still fails here.
if (typeof afterAll === 'function')
  afterAll(() => {
    if (violations.length) throw new Error(violations.join('\n'));
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
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
  /**
   * Resolves once every write so far shows in index queries (at once without `indexLagMs`). For a check that reads
   * an index (a listing) after writes; never for making the code under test pass.
   */
  indexesSettled(): Promise<void>;
  /**
   * Resolves once every change so far has reached the functions on the table's stream (the dashboard's sign-up
   * figures; infra/local/streams.ts). For a check of what they write; they run on their own meanwhile.
   */
  streamsSettled(): Promise<void>;
  /** Store calls a request's function made that its deployed role would refuse (empty unless one did). */
  accessDenied: string[];
  /** With the `storeFaults` option: the store-fault injector (disabled until `enable()`; ./storeFaults.ts). */
  storeFaults?: StoreFaults;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * GSIs on DynamoDB are eventually consistent. When set (> 0), every Query or Scan that names an IndexName is
   * answered from a copy of the table that trails the real one by about this many ms (tests/support/indexLag.ts);
   * base-table reads and all writes go to the real store. Omitted: one embedded store, every read current.
   */
  indexLagMs?: number;
  /**
   * Store faults (throttles, timeouts, errors after a write was applied) on a share of the handlers' store calls,
   * seeded (./storeFaults.ts); installed disabled, switched on with `app.storeFaults.enable()`/`during()`.
   */
  storeFaults?: StoreFaultOptions;
  /**
   * Each request's function runs with only what its deployed role grants (./iamGuard.ts): a refused store call fails
   * as AccessDenied does on AWS, and is listed in `app.accessDenied`. Default true.
   */
  asDeployed?: boolean;
}

async function startStore(options: TestAppOptions): Promise<EmbeddedStore & { settled(): Promise<void> }> {
  if (options.indexLagMs && options.indexLagMs > 0)
    return startLaggingStore(options.indexLagMs, process.env.TABLE_NAME!);
  const store = await startEmbeddedStore();
  await ensureTable(store.endpoint, process.env.TABLE_NAME!);
  return { ...store, settled: async () => undefined };
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = await startStore(options);
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  resetDbClient();
  const accessDenied: string[] = [];
  const gateway = new LocalGateway(
    undefined,
    options.asDeployed === false
      ? undefined
      : (functionName, invoke) => asDeployed(functionName, invoke, accessDenied),
  );
  const storeFaults = options.storeFaults ? injectStoreFaults(options.storeFaults) : undefined;
  const streams = await startStreamConsumers(store.changes);

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
      // A store call the function's role would not allow on AWS (whatever the handler answered after it).
      if (accessDenied.length) throw new Error(`refused on AWS: ${[...new Set(accessDenied)].join('; ')}`);
      assertOnContract({ method, url, status: res.status, headers: res.headers, text });
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
    indexesSettled: () => store.settled(),
    streamsSettled: () => streams.settled(),
    storeFaults,
    accessDenied,
    async close() {
      // The stream functions' batches under way end before the store goes; what is queued is dropped.
      await streams.stop();
      resetDbClient();
      await store.close();
    },
  };
  return app;
}
