// A bench process of its own, for the production-shaped layout of the rush (events.bench.ts): in production the
// store (DynamoDB) and the phones are not on the API's CPU, so the bench can put each in a process of its own.
//   role `store`: the embedded store, in memory; answers `{ endpoint, served, streamsCpuMs }` once its stream
//                 functions are idle, and serves until told to stop; `{ cpu: true }` answers its CPU time at once;
//                 `{ watch: key }` starts watching one item's size (watchItemSize), `{ watched: true }` answers it.
//                 It starts a `streams` process and forwards to it the changes a stream function subscribes to.
//   role `streams`: the stream functions (the dashboard's sign-up figures), as their own Lambdas: their work is
//                 on neither the store's event loop (which only filters and forwards the records) nor the API's;
//                 `{ settle: true }` answers once they are idle, with their CPU time. (It would answer early if a
//                 stream function wrote items its own filter passes: its write's reply can overtake the record. None
//                 does.) It runs at a lower priority (see startWorker).
//   role `load`:  a load generator; each message is one job (sign-ups over HTTP, or raw conditional updates), answered
//                 with the latencies, outcomes and the CPU time it took.
// Started by `startWorker` below (child_process.fork inherits tsx's loader from the bench's own process).
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { existsSync } from 'node:fs';
import { cpus as machineCpus } from 'node:os';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChangeFeed } from '../../infra/local/changeFeed';
import { startEmbeddedStore, storeClient } from '../../infra/local/store';
import type { ChangeListener, ChangeRecord } from '../../infra/local/changeFeed';
import { streamFunctions } from '../../infra/local/serverlessConfig';
import { matchesFilter, startStreamConsumers, type StreamConsumers } from '../../infra/local/streams';
import { runConcurrently } from './support';

export type LoadJob =
  | { kind: 'signups'; baseUrl: string; eventId: string; tokens: string[]; concurrency: number }
  | { kind: 'raw'; endpoint: string; table: string; count: number; concurrency: number };

export interface LoadResult {
  latencies: number[];
  wallMs: number;
  /** CPU time (user + system) the load's process spent while it ran, in ms. */
  cpuMs: number;
  /** Sign-ups: `confirmed`, `waitlisted` or the HTTP status; raw updates: `done` or `refused`. */
  outcomes: Record<string, number>;
}

export interface ItemPeak {
  /** The largest size of the item's JSON (as the document client reads it), over every version written. */
  bytes: number;
  /** The most keys its `intents` map held. */
  intents: number;
  /** How many versions of it were written. */
  versions: number;
}

/**
 * Watches every version of one item as the store writes it, from its change feed: no request to the store, and no
 * version missed between two reads. (The watching decodes each version of that item in the store's process; the
 * feed hands a version to its listeners on the turn after its write, before its request is answered: the versions of
 * a rush that has ended are all seen.)
 */
export function watchItemSize(changes: ChangeFeed, key: { pk: string; sk: string }) {
  const peak: ItemPeak = { bytes: 0, intents: 0, versions: 0 };
  const stop = changes.subscribe((record) => {
    const keys = record.dynamodb.Keys as { pk?: { S?: string }; sk?: { S?: string } };
    const image = record.dynamodb.NewImage;
    if (keys.pk?.S !== key.pk || keys.sk?.S !== key.sk || !image) return;
    const item = unmarshall(image as unknown as Parameters<typeof unmarshall>[0]);
    peak.versions++;
    peak.bytes = Math.max(peak.bytes, Buffer.byteLength(JSON.stringify(item)));
    peak.intents = Math.max(peak.intents, Object.keys(item.intents ?? {}).length);
  });
  return {
    stop(): ItemPeak {
      stop();
      return peak;
    },
  };
}

/** A document client on the embedded store at `endpoint` (its own client, as infra/local makes one). */
export const storeDocumentClient = (endpoint: string) => DynamoDBDocumentClient.from(storeClient(endpoint));

const tally = (names: string[]) =>
  names.reduce<Record<string, number>>((out, n) => ((out[n] = (out[n] ?? 0) + 1), out), {});

/**
 * One POST over a kept-alive connection, with Node's own HTTP client: the load generator stands in for phones that are
 * not on this machine, so it should take as little of the machine's CPU as it can (fetch takes about 2 ms a request).
 */
function post(
  agent: Agent,
  url: URL,
  token: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function signups(job: Extract<LoadJob, { kind: 'signups' }>): Promise<Omit<LoadResult, 'cpuMs'>> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(`${job.baseUrl}/v1/events/${job.eventId}/signups`);
  try {
    const { results, latencies, wallMs } = await runConcurrently(
      job.tokens.map((token) => async () => {
        const res = await post(agent, url, token, '{}');
        const body = JSON.parse(res.text) as { signup?: { status: string } };
        return res.status === 201 && body.signup ? body.signup.status : String(res.status);
      }),
      job.concurrency,
    );
    return { latencies, wallMs, outcomes: tally(results) };
  } finally {
    agent.destroy();
  }
}

/** One client per store, kept across jobs: a measured job runs on the client its warm-up used, as the API does. */
const rawClients = new Map<string, DynamoDBDocumentClient>();

/**
 * Conditional `ADD seats :n` on one item, as the seat ledger's writes are. Through the same SDK client as the API's, so
 * on this machine it is bound by that client's CPU as much as by the store's (both are printed).
 */
async function rawUpdates(job: Extract<LoadJob, { kind: 'raw' }>): Promise<Omit<LoadResult, 'cpuMs'>> {
  let client = rawClients.get(job.endpoint);
  if (!client) rawClients.set(job.endpoint, (client = storeDocumentClient(job.endpoint)));
  await client.send(
    new CreateTableCommand({
      TableName: job.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  const { results, latencies, wallMs } = await runConcurrently(
    Array.from({ length: job.count }, (_, i) => async () => {
      try {
        await client.send(
          new UpdateCommand({
            TableName: job.table,
            Key: { pk: 'dummy' },
            UpdateExpression: 'ADD seats :n',
            ConditionExpression: 'attribute_not_exists(seats) OR seats <= :max',
            ExpressionAttributeValues: { ':n': 1 + (i % 2), ':max': 10_000_000 },
          }),
        );
        return 'done';
      } catch {
        return 'refused';
      }
    }),
    job.concurrency,
  );
  return { latencies, wallMs, outcomes: tally(results) };
}

/** Closes the raw updates' clients (their kept-alive sockets would keep a process alive). */
export function closeRawClients(): void {
  for (const client of rawClients.values()) client.destroy();
  rawClients.clear();
}

/** This process's CPU time so far (user + system), in ms. */
export const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs one load job in this process. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const before = cpuMs();
  const result = await (job.kind === 'raw' ? rawUpdates(job) : signups(job));
  return { ...result, cpuMs: cpuMs() - before };
}

/** A worker process: `call` sends it one message and waits for its answer; `stop` ends it. */
export interface Worker {
  call<T>(message: unknown): Promise<T>;
  /** Sends a message that has no answer (in order with every other message to the process). */
  post(message: unknown): void;
  stop(): Promise<void>;
}

const NICE = '/usr/bin/nice';
const TASKSET = '/usr/bin/taskset';

/**
 * Lets every thread of this process run only on `cpus` (`taskset -a -p -c`, e.g. '0'), or on all cores again with
 * null. False when the machine has no taskset or it refused.
 */
export function pinThisProcess(cpus: string | null): boolean {
  if (!existsSync(TASKSET)) return false;
  const all = `0-${machineCpus().length - 1}`; // every core of the machine, whatever this process is pinned to now
  return (
    spawnSync(TASKSET, ['-a', '-p', '-c', cpus ?? all, String(process.pid)], { stdio: 'ignore' }).status === 0
  );
}

export function startWorker(role: 'store' | 'load' | 'streams'): Worker {
  // BENCH_CPU_PROFILE: each worker process writes profiles of its whole life (one per thread) into a folder named
  // after its role, beside the bench's own profiles.
  const profile = process.env.BENCH_CPU_PROFILE;
  const nodeArgs = profile
    ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profile.replace(/(\.cpuprofile)?$/, `-${role}`)}`]
    : process.execArgv;
  // The stream functions run on Lambdas of their own in production, never on the API's CPU. Here they share this
  // machine's cores with the API, the store and the clients, so they yield to them (`nice`, which every thread of
  // the process inherits): while the others keep both cores busy, their work waits, and is done after the rush (the
  // bench waits for them before it counts what the store served).
  const yields = role === 'streams' && existsSync(NICE);
  // BENCH_WORKER_CPUS (set by the pinned layout, inherited by the store's own streams process): the cores every
  // worker process may run on (`taskset -c`), so none of them takes the API's core.
  const cpus = process.env.BENCH_WORKER_CPUS;
  const command = [
    ...(cpus && existsSync(TASKSET) ? [TASKSET, '-c', cpus] : []),
    ...(yields ? [NICE, '-n', '15'] : []),
  ];
  const child: ChildProcess = fork(__filename, [role], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(command.length > 0
      ? { execPath: command[0], execArgv: [...command.slice(1), process.execPath, ...nodeArgs] }
      : { execArgv: nodeArgs }),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null || !child.connected;
  // A send to a child that already died is reported here, not thrown at the bench.
  child.on('error', (err) => console.error(`bench ${role} process: ${err.message}`));
  return {
    call: <T>(message: unknown) =>
      new Promise<T>((resolve, reject) => {
        // A process that is gone answers nothing: say so instead of waiting for ever.
        if (gone())
          return reject(new Error(`bench ${role} process is gone (${child.exitCode ?? child.signalCode})`));
        const onExit = (code: number | null) => reject(new Error(`bench ${role} process exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (answer: { error?: string } & T) => {
          child.off('exit', onExit);
          if (answer && typeof answer === 'object' && 'error' in answer && answer.error)
            reject(new Error(answer.error));
          else resolve(answer);
        });
        child.send(message as object);
      }),
    post(message) {
      if (!gone()) child.send(message as object);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ stop: true });
      else child.kill();
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The stream functions in a process of their own, fed the store's changes over IPC (see the top of this file). */
async function serveStreams(): Promise<void> {
  const listeners = new Set<ChangeListener>();
  const feed: ChangeFeed = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  let streams: StreamConsumers | null = null;
  process.on(
    'message',
    (message: { record?: ChangeRecord; endpoint?: string; settle?: boolean; stop?: boolean }) => {
      if (message.record) {
        const record = message.record;
        listeners.forEach((listener) => listener(record));
        return;
      }
      void (async () => {
        try {
          if (message.stop) {
            await streams?.stop();
            process.exit(0);
          } else if (message.endpoint) {
            process.env.DYNAMODB_ENDPOINT = message.endpoint;
            process.env.LOG_LEVEL = 'silent';
            streams = await startStreamConsumers(feed);
            process.send!({});
          } else {
            await streams?.settled();
            process.send!({ settled: true, cpuMs: cpuMs() });
          }
        } catch (err) {
          process.send!({ error: err instanceof Error ? err.stack : String(err) });
        }
      })();
    },
  );
}

async function serve(role: string): Promise<void> {
  // The bench that started this process is gone (it ended, or failed and exited): so is this one.
  process.on('disconnect', () => process.exit(0));
  if (role === 'streams') return serveStreams();
  const store = role === 'store' ? await startEmbeddedStore() : null;
  let streams: Worker | null = null;
  if (store) {
    // The stream functions run in a process of their own, as they run on Lambdas of their own in production; the
    // store sends them only the changes their filter patterns pass.
    process.env.LOG_LEVEL = 'silent';
    const worker = (streams = startWorker('streams'));
    await worker.call({ endpoint: store.endpoint });
    const patterns = streamFunctions().map((fn) => fn.filterPatterns);
    store.changes.subscribe((record) => {
      if (patterns.some((any) => any.length === 0 || any.some((p) => matchesFilter(p, record))))
        worker.post({ record });
    });
  }
  let watching: ReturnType<typeof watchItemSize> | null = null;
  process.on(
    'message',
    (
      message: {
        stop?: boolean;
        watch?: { pk: string; sk: string };
        watched?: boolean;
        cpu?: boolean;
      } & Partial<LoadJob>,
    ) => {
      void (async () => {
        if (message.stop) {
          await streams?.stop();
          await store?.close();
          process.exit(0);
        }
        try {
          if (store && message.watch) {
            watching = watchItemSize(store.changes, message.watch);
            process.send!({});
          } else if (store && message.watched) {
            process.send!(watching!.stop());
          } else if (store && message.cpu) {
            process.send!({ cpuMs: cpuMs() });
          } else if (store) {
            // What the stream functions have under way is served first, so a count of served requests includes it.
            const settled = await streams?.call<{ cpuMs: number }>({ settle: true });
            process.send!({
              endpoint: store.endpoint,
              served: store.requestsServed(),
              streamsCpuMs: settled?.cpuMs ?? 0,
            });
          } else process.send!(await runLoad(message as LoadJob));
        } catch (err) {
          process.send!({ error: err instanceof Error ? err.stack : String(err) });
        }
      })();
    },
  );
}

if (require.main === module) void serve(process.argv[2]);
