// The fuzz run shared by the test (fuzz.test.ts, 10,000 requests) and the script (`npm run fuzz -- --runs 100000`):
// demo data and callers of every role, the operations of docs/openapi.json, then two phases with fast-check —
// well-formed requests derived from the schemas, and hostile ones after which a scan of the table must be unchanged.
// Every reply goes through the contract check of tests/support/contract.ts and must not be a 5xx.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { db, tableName } from '../../functions/lib/db';
import { seedDemoData } from '../../infra/local/seed';
import { ROOT } from '../../infra/local/serverlessConfig';
import { assertOnContract } from '../support/contract';
import type { TestApp } from '../support/app';
import { approvedMerchant } from './alliance.support';
import { forgedTokens, type FuzzRequest, type Operation, type Schema } from './fuzz.arbitraries';
import { hostileRequest, validRequest, type Fixtures } from './fuzz.requests';

export interface FuzzCounts {
  requests: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  byOperation: Record<string, number>;
}

/** Every operation of docs/openapi.json, with the schemas of its parameters and body. */
export function operations(): Operation[] {
  const doc = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'openapi.json'), 'utf8'));
  const out: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths as Record<string, Record<string, Schema>>))
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as Schema[];
      out.push({
        method: method.toUpperCase(),
        path: p,
        access: /^Access: (\w+)/.exec(op.description ?? '')?.[1] ?? 'public',
        pathParams: params.filter((x) => x.in === 'path').map((x) => x.name),
        query: Object.fromEntries(params.filter((x) => x.in === 'query').map((x) => [x.name, x.schema])),
        body: op.requestBody?.content?.['application/json']?.schema,
      } as Operation);
    }
  return out;
}

function collectIds(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectIds(v, into));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') into.add(v);
      else collectIds(v, into);
    }
}

/** Demo data through the features' seeders, callers of every role, and the ids the public lists show. */
export async function fixtures(app: TestApp): Promise<Fixtures> {
  await seedDemoData(() => undefined);
  const member = await app.login('fuzz_member');
  const merchant = await approvedMerchant(app, 'fuzz_merchant');
  const staff = await app.userWithRoles('fuzz_staff', ['staff']);
  const admin = await app.login('admin');
  const ids = new Set<string>();
  for (const list of ['/v1/spaces', '/v1/events', '/v1/offers', '/v1/messages', '/v1/venues', '/v1/duty'])
    collectIds((await app.request('GET', list)).body, ids);
  collectIds((await app.request('GET', '/v1/admin/merchants', { token: staff.token })).body, ids);
  ids.add(merchant.merchantId);
  return {
    tokens: { member: member.token, merchant: merchant.token, staff: staff.token, admin: admin.token },
    ids: [...ids],
    memberId: member.userId,
  };
}

/** The whole table, as a canonical string (items sorted by key). */
export async function snapshot(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      // A rate-limit slot is the one thing a refused request may write, by design: failed redemptions count
      // towards the merchant's limit (docs/api/boundary.md).
      if (String(item.pk).startsWith('RATE#')) continue;
      items.push(JSON.stringify(item, Object.keys(item).sort()));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

async function send(app: TestApp, req: FuzzRequest, counts: FuzzCounts): Promise<void> {
  const res = await app.gateway.handle({
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: req.body,
  });
  const text = typeof res.body === 'string' ? res.body : res.body.toString('latin1');
  counts.requests++;
  counts.byStatus[res.status] = (counts.byStatus[res.status] ?? 0) + 1;
  counts.byKind[req.kind] = (counts.byKind[req.kind] ?? 0) + 1;
  counts.byOperation[req.operation] = (counts.byOperation[req.operation] ?? 0) + 1;
  const sent = req.body === undefined ? '' : ` ${String(req.body).slice(0, 400)}`;
  const what = `${req.kind}: ${req.method} ${req.url.slice(0, 200)}${sent} → ${res.status} ${text.slice(0, 300)}`;
  if (app.accessDenied.length) throw new Error(`refused on AWS: ${app.accessDenied.join('; ')} (${what})`);
  if (res.status >= 500) throw new Error(`5xx reply (${what})`);
  if (req.mustRefuse && res.status < 400)
    throw new Error(`accepted a request that must be refused (${what})`);
  assertOnContract({ method: req.method, url: req.url, status: res.status, headers: res.headers, text });
}

export interface FuzzOptions {
  seed: number;
  /** Requests in all: `wellFormed` of them well-formed, the rest hostile. */
  requests: number;
  /**
   * Well-formed requests (default a tenth): each is a full handler run with its store calls, several times the cost
   * of a hostile one, which is refused at the boundary — so the hostile phase is most of a run.
   */
  wellFormed?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
}

/** Sends `items` through `concurrency` workers: a slow request holds up one worker, not a whole batch. */
async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function phase(
  app: TestApp,
  arbitrary: fc.Arbitrary<FuzzRequest>,
  requests: number,
  seed: number,
  counts: FuzzCounts,
  concurrency: number,
): Promise<void> {
  // A fast-check run draws a batch of requests; a pool sends it (a fixed batch per run keeps a seed reproducible).
  const size = Math.min(requests, concurrency * 16);
  const batch = fc.array(arbitrary, { minLength: size, maxLength: size });
  const run = await fc.check(
    fc.asyncProperty(batch, (reqs) => pool(reqs, concurrency, (r) => send(app, r, counts))),
    { seed, numRuns: Math.ceil(requests / size), endOnFailure: true },
  );
  // The counterexample can hold a 64 KiB body: report the failing request as send() described it, and the seed.
  if (run.failed)
    throw new Error(
      `fuzz seed ${seed}, run ${run.numRuns}: ${String((run.errorInstance as Error)?.message ?? run.error)}`,
    );
}

/** Wall and CPU time of each stage of a run (CPU: this process; the store and the app run in it too). */
export type FuzzTiming = Record<
  'fixtures' | 'wellFormed' | 'snapshots' | 'hostile',
  { ms: number; cpuMs: number }
>;

export async function runFuzz(app: TestApp, options: FuzzOptions) {
  const timing = {} as FuzzTiming;
  const timed = async <T>(stage: keyof FuzzTiming, work: () => Promise<T>): Promise<T> => {
    const [wall, cpu] = [Date.now(), process.cpuUsage()];
    try {
      return await work();
    } finally {
      const used = process.cpuUsage(cpu);
      const spent = { ms: Date.now() - wall, cpuMs: Math.round((used.user + used.system) / 1000) };
      const before = timing[stage] ?? { ms: 0, cpuMs: 0 };
      timing[stage] = { ms: before.ms + spent.ms, cpuMs: before.cpuMs + spent.cpuMs };
    }
  };
  const fx = await timed('fixtures', () => fixtures(app));
  const ops = operations();
  const forged = forgedTokens(process.env.TOKEN_SECRET!, fx.memberId);
  const concurrency = options.concurrency ?? 8;
  const wellFormed: FuzzCounts = { requests: 0, byStatus: {}, byKind: {}, byOperation: {} };
  const hostile: FuzzCounts = { requests: 0, byStatus: {}, byKind: {}, byOperation: {} };
  const valid = Math.min(options.wellFormed ?? Math.ceil(options.requests / 10), options.requests);
  // Closing the account of the member would only turn the rest of its requests into 401s: the hostile phase calls it.
  const open = ops.filter((op) => !(op.method === 'DELETE' && op.path === '/v1/me'));
  await timed('wellFormed', () =>
    phase(app, validRequest(open, fx), valid, options.seed, wellFormed, concurrency),
  );
  const before = await timed('snapshots', snapshot);
  const hostileRequests = options.requests - valid;
  await timed('hostile', () =>
    phase(app, hostileRequest(ops, fx, forged), hostileRequests, options.seed + 1, hostile, concurrency),
  );
  const after = await timed('snapshots', snapshot);
  return { wellFormed, hostile, before, after, operations: ops.length, timing };
}

/** `stage 12.3 s (cpu 11.0 s)` for each stage, for the output. */
export function describeTiming(timing: FuzzTiming): string {
  return Object.entries(timing)
    .map(([stage, t]) => `${stage} ${(t.ms / 1000).toFixed(1)} s (cpu ${(t.cpuMs / 1000).toFixed(1)} s)`)
    .join(', ');
}
