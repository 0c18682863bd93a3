// GSI lag for tests: on DynamoDB a global secondary index is eventually consistent, so a Query on an index right
// after a write may not show it. The embedded store answers every read at once, which hides any decision that
// rests on an index read. This puts a small HTTP proxy in front of two embedded stores:
//   - the primary gets every request except index reads: all writes, GetItem, BatchGetItem, base-table Query/Scan;
//   - the replica answers every Query or Scan that names an IndexName, and trails the primary by `lagMs`.
// After each successful write (PutItem, UpdateItem, DeleteItem, BatchWriteItem) the proxy reads the affected items
// back from the primary (consistent GetItem by key) and applies that state to the replica `lagMs` later (a put, or a
// delete if the item is gone). Per key the reads run one after another and only a newer read is ever applied, so the
// replica goes through the primary's states in order, each about `lagMs` late.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// Real timers even in a suite that fakes the global ones.
import { clearTimeout, setTimeout } from 'node:timers';
import { tableDefinition } from '../../infra/local/serverlessConfig';
import type { ChangeFeed } from '../../infra/local/changeFeed';
import { ensureTable, startEmbeddedStore, type EmbeddedStore } from '../../infra/local/store';

type AttributeMap = Record<string, unknown>;
type Body = Record<string, unknown>;

export interface LaggingStore {
  /** The proxy: point DYNAMODB_ENDPOINT here. */
  endpoint: string;
  /** The real store (writes and base-table reads). */
  primaryEndpoint: string;
  /** The lagging copy (index reads). */
  replicaEndpoint: string;
  /** The real store's change feed (the stream's local stand-in). */
  changes: ChangeFeed;
  /** Requests the real store was sent (the proxy's own reads for the copy included). */
  requestsServed(): number;
  lagMs: number;
  /** Resolves once every write made so far has reached the index copy (bounded; throws after `timeoutMs`). */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
/** Table administration goes to both stores, so the replica always has the same tables. */
const BOTH = new Set(['CreateTable', 'DeleteTable', 'UpdateTable', 'UpdateTimeToLive']);
const KEY_NAMES = tableDefinition().KeySchema.map((k) => k.AttributeName);

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(endpoint: string, headers: IncomingHttpHeaders, body: Buffer, method = 'POST', path = '/') {
  const url = new URL(endpoint);
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers: { ...headers, host: url.host }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One DynamoDB JSON call made by the proxy itself (dynalite wants a well-formed, not a valid, signature). */
async function call(endpoint: string, action: string, input: Body): Promise<Body> {
  const body = Buffer.from(JSON.stringify(input));
  const reply = await send(
    endpoint,
    {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(body.length),
      'x-amz-target': `DynamoDB_20120810.${action}`,
      'x-amz-date': '20260101T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/ap-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body,
  );
  const parsed = JSON.parse(reply.body.toString('utf8') || '{}') as Body;
  if (reply.status !== 200)
    throw new Error(`index lag: ${action} answered ${reply.status} ${reply.body.toString()}`);
  return parsed;
}

function keyOf(item: AttributeMap): AttributeMap {
  return Object.fromEntries(KEY_NAMES.map((name) => [name, item[name]]));
}

/** The (table, key) pairs a successful write touched. */
function affectedKeys(action: string, input: Body): { table: string; key: AttributeMap }[] {
  const table = input.TableName as string;
  if (action === 'PutItem') return [{ table, key: keyOf(input.Item as AttributeMap) }];
  if (action === 'UpdateItem' || action === 'DeleteItem')
    return [{ table, key: keyOf(input.Key as AttributeMap) }];
  const out: { table: string; key: AttributeMap }[] = [];
  const requests = (input.RequestItems ?? {}) as Record<string, Body[]>;
  for (const [name, list] of Object.entries(requests)) {
    for (const r of list) {
      const put = r.PutRequest as { Item: AttributeMap } | undefined;
      const del = r.DeleteRequest as { Key: AttributeMap } | undefined;
      if (put) out.push({ table: name, key: keyOf(put.Item) });
      else if (del) out.push({ table: name, key: keyOf(del.Key) });
    }
  }
  return out;
}

interface KeyState {
  table: string;
  key: AttributeMap;
  /** A refresh loop is reading this key from the primary. */
  running: boolean;
  /** A write finished since the running loop's last read started. */
  dirty: boolean;
  readSeq: number;
  appliedSeq: number;
  /** Replica writes of this key, one after another. */
  chain: Promise<void>;
}

export async function startLaggingStore(lagMs: number, tableName: string): Promise<LaggingStore> {
  const primary: EmbeddedStore = await startEmbeddedStore();
  const replica: EmbeddedStore = await startEmbeddedStore();
  await ensureTable(primary.endpoint, tableName);
  await ensureTable(replica.endpoint, tableName);

  const keys = new Map<string, KeyState>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0; // refresh loops running + replica applies scheduled or running
  let failure: unknown;
  let closed = false;

  const apply = (s: KeyState, seq: number, item: AttributeMap | undefined) => {
    s.chain = s.chain
      .then(async () => {
        if (closed || seq <= s.appliedSeq) return;
        if (item) await call(replica.endpoint, 'PutItem', { TableName: s.table, Item: item });
        else await call(replica.endpoint, 'DeleteItem', { TableName: s.table, Key: s.key });
        s.appliedSeq = seq;
      })
      .catch((err) => {
        if (!closed) failure ??= err;
      })
      .finally(() => inFlight--);
  };

  const refresh = async (s: KeyState) => {
    s.running = true;
    inFlight++;
    try {
      while (s.dirty && !closed) {
        s.dirty = false;
        const reply = await call(primary.endpoint, 'GetItem', {
          TableName: s.table,
          Key: s.key,
          ConsistentRead: true,
        });
        const seq = ++s.readSeq;
        const item = reply.Item as AttributeMap | undefined;
        inFlight++;
        const timer = setTimeout(() => {
          timers.delete(timer);
          apply(s, seq, item);
        }, lagMs);
        timers.add(timer);
      }
    } catch (err) {
      if (!closed) failure ??= err;
    } finally {
      s.running = false;
      inFlight--;
    }
  };

  const touched = (table: string, key: AttributeMap) => {
    const id = `${table}\u0000${JSON.stringify(key)}`;
    let s = keys.get(id);
    if (!s) {
      s = { table, key, running: false, dirty: false, readSeq: 0, appliedSeq: 0, chain: Promise.resolve() };
      keys.set(id, s);
    }
    s.dirty = true;
    if (!s.running) void refresh(s);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    let input: Body = {};
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as Body;
    } catch {
      // Malformed JSON goes to the primary, which answers as DynamoDB would.
    }
    const indexRead = (action === 'Query' || action === 'Scan') && typeof input.IndexName === 'string';
    if (BOTH.has(action)) await send(replica.endpoint, req.headers, body, req.method, req.url);
    const reply = await send(
      indexRead ? replica.endpoint : primary.endpoint,
      req.headers,
      body,
      req.method,
      req.url,
    );
    if (reply.status === 200 && WRITES.has(action)) {
      for (const { table, key } of affectedKeys(action, input)) touched(table, key);
    }
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
          message: err.message,
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    primaryEndpoint: primary.endpoint,
    replicaEndpoint: replica.endpoint,
    // The stream is the real store's: the copy's catch-up writes are not changes.
    changes: primary.changes,
    requestsServed: () => primary.requestsServed(),
    lagMs,
    async settled(timeoutMs = lagMs + 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0) {
        if (failure) break;
        if (Date.now() > deadline)
          throw new Error(`index lag: the index copy did not catch up in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (failure) throw failure;
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}
