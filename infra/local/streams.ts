// Delivers the embedded store's changes (./changeFeed.ts) to the functions serverless.yml subscribes to the table's
// stream, the way Lambda's DynamoDB event source does: records that pass the function's filter patterns, in write
// order, in batches of at most `batchSize` gathered for up to `batchWindow` seconds (a full batch goes at once, and so
// does everything queued while `settled()` is awaited), one batch at a time per function. A batch that throws is
// retried whole; with ReportBatchItemFailures, from its first failed record on. After `maximumRetryAttempts` retries the records are
// dropped with an error in the log (in production they go to the on-failure destination, a dead-letter queue).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, withClient } from '../../functions/lib/db';
import type { ChangeFeed, ChangeRecord } from './changeFeed';
import { loadHandler } from './gateway';
import { streamFunctions, type StreamFunction } from './serverlessConfig';

/** Locally a failed batch is retried after 50 ms, doubling up to 2 s (Lambda backs off similarly). */
const RETRY_BASE_MS = 50;
const RETRY_MAX_MS = 2000;

type StreamHandler = (event: { Records: ChangeRecord[] }) => Promise<{
  batchItemFailures?: { itemIdentifier: string }[];
} | void>;

export interface StreamConsumers {
  /** Resolves once every change made so far has been delivered (or dropped after its retries). */
  settled(timeoutMs?: number): Promise<void>;
  /** No more deliveries: what is queued is dropped, the batches under way end. */
  stop(): Promise<void>;
}

/** True when `value` (a record, or a part of it) matches a Lambda event filter pattern (the subset used here). */
export function matchesFilter(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((matcher) => matchesLeaf(matcher, value));
  if (pattern && typeof pattern === 'object')
    return Object.entries(pattern).every(([key, inner]) =>
      matchesFilter(
        inner,
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      ),
    );
  throw new Error(
    `filter pattern: a field must hold an object or a list of matchers, not ${JSON.stringify(pattern)}`,
  );
}

function matchesLeaf(matcher: unknown, value: unknown): boolean {
  if (matcher === null || ['string', 'number', 'boolean'].includes(typeof matcher)) return value === matcher;
  const m = matcher as Record<string, unknown>;
  if (typeof m.prefix === 'string') return typeof value === 'string' && value.startsWith(m.prefix);
  if (typeof m.exists === 'boolean') return (value !== undefined) === m.exists;
  if ('anything-but' in m) {
    const refused = ([] as unknown[]).concat(m['anything-but']);
    return value !== undefined && !refused.includes(value);
  }
  throw new Error(`filter pattern: unsupported matcher ${JSON.stringify(matcher)}`);
}

class Consumer {
  private queue: ChangeRecord[] = [];
  private running = false;
  private stopped = false;
  /** How many `settled()` calls are waiting: while any is, batches go without their window. */
  hurried = 0;
  /** Its own store client (a Lambda of its own has one), on the store configured when the consumers started. */
  private client: DynamoDBDocumentClient | undefined = createDocumentClient();

  constructor(
    private readonly fn: StreamFunction,
    private readonly handler: StreamHandler,
    private readonly log: (line: string, err?: unknown) => void,
  ) {}

  offer(record: ChangeRecord): void {
    if (this.stopped) return;
    if (this.fn.filterPatterns.length > 0 && !this.fn.filterPatterns.some((p) => matchesFilter(p, record)))
      return;
    this.queue.push(record);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.drain());
    }
  }

  /** Drops what is queued, lets the batch under way end (no retries), then closes its client. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue = [];
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    this.client?.destroy();
    this.client = undefined;
  }

  get idle(): boolean {
    return !this.running && this.queue.length === 0;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stopped) {
        await this.gather();
        // (Stopped while gathering: what was queued is dropped; Lambda never sends an empty batch.)
        if (this.stopped || this.queue.length === 0) break;
        const batch = this.queue.slice(0, this.fn.batchSize);
        const delivered = await this.deliver(batch);
        this.queue.splice(0, delivered);
      }
    } finally {
      this.running = false;
    }
  }

  /** Lambda's batching window: waits up to `batchWindowMs` for a full batch (not while anyone awaits `settled()`). */
  private async gather(): Promise<void> {
    const until = Date.now() + this.fn.batchWindowMs;
    while (this.queue.length < this.fn.batchSize && this.hurried === 0 && !this.stopped && Date.now() < until)
      await new Promise((r) => setTimeout(r, Math.min(10, until - Date.now())));
  }

  /** Delivers the batch until it succeeds or its retries run out; answers how many records leave the queue. */
  private async deliver(batch: ChangeRecord[]): Promise<number> {
    let records = batch;
    for (let attempt = 0; ; attempt++) {
      let failedFrom = -1;
      try {
        this.client ??= createDocumentClient();
        const client = this.client;
        const reply = await withClient(client, () => this.handler({ Records: records }));
        const failures = this.fn.reportBatchItemFailures ? (reply?.batchItemFailures ?? []) : [];
        if (failures.length > 0) {
          const failed = new Set(failures.map((f) => f.itemIdentifier));
          failedFrom = records.findIndex((r) => failed.has(r.dynamodb.SequenceNumber));
          // An identifier that names no record of the batch fails the whole batch, as on Lambda.
          if (failedFrom < 0) failedFrom = 0;
        }
      } catch (err) {
        if (!this.stopped) this.log(`stream ${this.fn.functionName}: batch of ${records.length} failed`, err);
        failedFrom = 0;
      }
      if (failedFrom < 0 || this.stopped) return batch.length;
      records = records.slice(failedFrom);
      if (attempt >= this.fn.maximumRetryAttempts) {
        this.log(
          `stream ${this.fn.functionName}: ${records.length} record(s) dropped after ${attempt} retries ` +
            `(in production: the on-failure destination)`,
        );
        return batch.length;
      }
      await new Promise((r) => setTimeout(r, Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS)));
      if (this.stopped) return batch.length;
    }
  }
}

/** Subscribes every stream function of serverless.yml to `changes`. */
export async function startStreamConsumers(
  changes: ChangeFeed,
  log: (line: string, err?: unknown) => void = (line, err) => console.error(line, err ?? ''),
  functions: StreamFunction[] = streamFunctions(),
): Promise<StreamConsumers> {
  const consumers = await Promise.all(
    functions.map(
      async (fn) => new Consumer(fn, (await loadHandler(fn.handler)) as unknown as StreamHandler, log),
    ),
  );
  const unsubscribe = changes.subscribe((record) => consumers.forEach((c) => c.offer(record)));
  return {
    async settled(timeoutMs = 30_000) {
      consumers.forEach((c) => c.hurried++);
      try {
        await untilQuiet(timeoutMs);
      } finally {
        consumers.forEach((c) => c.hurried--);
      }
    },
    async stop() {
      unsubscribe();
      await Promise.all(consumers.map((c) => c.stop()));
    },
  };

  async function untilQuiet(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    // A change is offered on the turn after its write; a delivery may write again (more changes): wait for quiet.
    for (let quiet = 0; quiet < 2;) {
      await new Promise((r) => setImmediate(r));
      if (consumers.every((c) => c.idle)) quiet++;
      else {
        quiet = 0;
        if (Date.now() > deadline) throw new Error(`stream consumers still busy after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }
}
