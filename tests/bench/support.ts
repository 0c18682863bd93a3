// Shared pieces for benchmarks: a real local HTTP server (gateway + in-memory embedded store), a bounded load loop,
// and percentile figures.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import '../support/env';
import { resetDbClient } from '../../functions/lib/db';
import { LocalGateway } from '../../infra/local/gateway';
import { createAppServer } from '../../infra/local/server';
import { ROOT } from '../../infra/local/serverlessConfig';
import type { ChangeFeed } from '../../infra/local/changeFeed';
import { ensureTable, startEmbeddedStore } from '../../infra/local/store';
import { startStreamConsumers } from '../../infra/local/streams';
import { cpuShares, describeShares } from './cpuShares';

export interface BenchServer {
  baseUrl: string;
  storeEndpoint: string;
  /** Requests the store has served so far, every client's (the stream functions' too); with the store here only. */
  storeRequestsServed?: () => number;
  /** With the store here: resolves once its stream functions have every change so far. */
  streamsSettled?: () => Promise<void>;
  /** With the store here: every write it makes, as its stream carries it. */
  changes?: ChangeFeed;
  login(openid: string): Promise<string>;
  call(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/** The API on a local HTTP server; its store in this process, or the one at `storeEndpoint` (a store process). */
export async function startBenchServer(options: { storeEndpoint?: string } = {}): Promise<BenchServer> {
  const local = options.storeEndpoint ? null : await startEmbeddedStore();
  const store = local ?? { endpoint: options.storeEndpoint!, close: async () => {} };
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.LOG_LEVEL = 'silent';
  resetDbClient();
  await ensureTable(store.endpoint, process.env.TABLE_NAME!);
  // With the store here, the stream functions run here too, as `npm start` runs them (a store process starts a process of their own).
  const streams = local ? await startStreamConsumers(local.changes) : null;
  const server = createAppServer(new LocalGateway(), path.join(ROOT, 'miniapp', 'dist', 'h5'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: BenchServer['call'] = async (method, url, token, body) => {
    const res = await fetch(baseUrl + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  };
  return {
    baseUrl,
    storeEndpoint: store.endpoint,
    storeRequestsServed: local ? () => local.requestsServed() : undefined,
    streamsSettled: streams ? () => streams.settled() : undefined,
    changes: local?.changes,
    call,
    async login(openid) {
      const res = await call('POST', '/v1/auth/login', undefined, { code: `dev:${openid}` });
      return res.body.token as string;
    },
    async close() {
      server.close();
      await streams?.stop();
      resetDbClient();
      await store.close();
    },
  };
}

/** Runs `tasks` with at most `concurrency` in flight; returns each task's latency in ms and the wall time. */
export async function runConcurrently<T>(
  tasks: (() => Promise<T>)[],
  concurrency: number,
): Promise<{ results: T[]; latencies: number[]; wallMs: number }> {
  const results: T[] = new Array(tasks.length);
  const latencies: number[] = new Array(tasks.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        const t0 = performance.now();
        results[i] = await tasks[i]();
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  return { results, latencies, wallMs: performance.now() - started };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The value at quantile `q` (0–1) of `values`: the upper middle one for the median of an even count. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
export const median = (values: number[]) => quantile(values, 0.5);

export function describeLatency(label: string, latencies: number[], wallMs: number): string {
  const rate = (latencies.length / wallMs) * 1000;
  return `${label}: ${latencies.length} requests in ${wallMs.toFixed(0)} ms = ${rate.toFixed(1)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`;
}

/**
 * Runs `work` under the CPU profiler when BENCH_CPU_PROFILE names a file (a `.cpuprofile`, readable in Chrome's
 * DevTools), so that a profile covers the measured window alone and not the set-up around it. With `per`, it also
 * prints where this process's CPU went (cpuShares.ts) per unit of the work, e.g. per store operation.
 */
export async function profiled<T>(
  label: string,
  work: () => Promise<T>,
  per?: () => { units: number; name: string },
): Promise<T> {
  const cpuTarget = process.env.BENCH_CPU_PROFILE;
  // Allocations, sampled every 32 KiB, the ones already collected included: what makes the garbage collector work.
  const heapTarget = process.env.BENCH_HEAP_PROFILE;
  if (!cpuTarget && !heapTarget) return work();
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  if (cpuTarget) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  if (heapTarget) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 32 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const fileFor = (target: string, kind: string) =>
    target.replace(new RegExp(`(\\.${kind})?$`), `-${label.replace(/\W+/g, '-')}.${kind}`);
  try {
    return await work();
  } finally {
    if (cpuTarget) {
      const { profile } = await session.post('Profiler.stop');
      const file = fileFor(cpuTarget, 'cpuprofile');
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  (CPU profile of ${label}: ${file})`);
      const unit = per?.();
      if (unit) console.log(`  ${label}: ${describeShares(cpuShares(profile), unit.units, unit.name)}`);
    }
    if (heapTarget) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      const file = fileFor(heapTarget, 'heapprofile');
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  (allocation profile of ${label}: ${file})`);
    }
    session.disconnect();
  }
}
