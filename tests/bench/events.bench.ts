// Sign-up rush: 1,000 people tap "报名" on a 100-seat event, on fresh stores:
//   1. through the local HTTP API: sign-ups/s, the store operations sent (a middleware on the store client), the
//      seat ledger's largest size while it ran (every version, from the store's change feed), and in the same run
//      the raw store's conditional-update throughput (clients doing `ADD seats :n` under a condition): the API/raw
//      ratio is API sign-ups/s ÷ (raw updates/s ÷ store operations per sign-up) — how close the API gets to its
//      store. In three layouts (see Layout below): everything in one process (as `npm start`), at 50 in flight;
//      `separate` processes for the store, the stream functions and the clients (worker.ts), as in production, and
//      `pinned` (the same with the API, and then the raw client, alone on one core), each at 50 and at 100 in flight.
//      Each run first warms up (300 sign-ups on an event of their own, 300 raw updates on a table of their own; not
//      measured), and prints the CPU time each process spent: the API's per store operation beside the raw client's
//      per update tells what the API adds to the SDK's own cost.
//   2. through the in-process gateway, each request its own flow, for the operations per confirmed, waitlisted and
//      refused sign-up.
// Figures are printed, never asserted.
import { cpus } from 'node:os';
import { ledgerKey } from '../../functions/events/model';
import { db } from '../../functions/lib/db';
import { counted, installStoreProbe, type StoreOp } from '../integration/events.probe';
import { startTestApp } from '../support/app';
import { describeLatency, median, profiled, runConcurrently, startBenchServer } from './support';
import {
  closeRawClients,
  pinThisProcess,
  cpuMs,
  runLoad,
  startWorker,
  watchItemSize,
  type ItemPeak,
  type Worker,
  type LoadJob,
  type LoadResult,
} from './worker';

const SEATS = 100;
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000); // fewer for a quick try of the plumbing
const CONCURRENCY = 50;
const RAW_UPDATES = 3000;
const WARM_UP = Math.min(300, PEOPLE); // sign-ups (and raw updates) before the measured ones, not measured

const eventBody = () => ({
  kind: 'party_lesson',
  title: '压测：百人党课',
  description: '参观甲午战争博物馆，重温历史。'.repeat(130), // ~2,000 characters of text, which the ledger never carries
  location: '会场',
  startsAt: new Date(Date.now() + 3 * 86400000).toISOString(),
  endsAt: new Date(Date.now() + 3 * 86400000 + 7200000).toISOString(),
  capacity: SEATS,
});

/**
 * Where the rush runs. `one process`: clients, API and store share this process (as `npm start` runs them, one
 * thread). `separate`: the store in a process of its own, the stream functions in another, the clients in a third,
 * as in production, where DynamoDB, the stream functions' Lambdas and the phones are not on the API's CPU; the API
 * (gateway and handlers) stays here. `pinned`: as `separate`, with this process alone on core 0 and the others on the
 * rest (taskset), as a Lambda has its CPU to itself; the raw updates are then sent from this process, on core 0 too,
 * so the API and the raw client each have that core against the same store.
 */
type Layout = 'one process' | 'separate' | 'pinned';

async function httpRush(layout: Layout, concurrency = CONCURRENCY): Promise<number | null> {
  const cores = cpus().length; // (not availableParallelism(): that counts the cores this process is pinned to)
  const pinned = layout === 'pinned' && cores >= 2 && pinThisProcess('0');
  if (layout === 'pinned' && !pinned) {
    console.log('layout: pinned: not run (needs taskset and 2 cores or more)');
    return null;
  }
  const workerCpus = process.env.BENCH_WORKER_CPUS;
  let storeWorker: Worker | null = null;
  let loadProcess: Worker | null = null;
  let started: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    if (pinned) process.env.BENCH_WORKER_CPUS = `1-${cores - 1}`;
    const storeProcess = (storeWorker = layout !== 'one process' ? startWorker('store') : null);
    const loader = (loadProcess = layout !== 'one process' ? startWorker('load') : null);
    const load = (job: LoadJob) => (loader ? loader.call<LoadResult>(job) : runLoad(job));
    // The raw updates: from the clients' process, or from this one when it has a core of its own (pinned).
    const loadRaw = (job: LoadJob) => (pinned ? runLoad(job) : load(job));
    const storeEndpoint = storeProcess
      ? (await storeProcess.call<{ endpoint: string }>({})).endpoint
      : undefined;
    const server = (started = await startBenchServer({ storeEndpoint }));
    const admin = await server.login('admin');
    const logins = async (prefix: string, count: number) => {
      const tokens: string[] = [];
      for (let i = 0; i < count; i += 100) {
        const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) =>
          server.login(`${prefix}_${i + j}`),
        );
        tokens.push(...(await Promise.all(batch)));
      }
      return tokens;
    };
    // A warm-up rush on an event of its own, not measured: the API's code and the store's are compiled before the
    // measured rush, as they are in a Lambda that has served a few requests (the raw updates warm up likewise).
    const warmUpEvent = (await server.call('POST', '/v1/events', admin, eventBody())).body.event.id as string;
    await load({
      kind: 'signups',
      baseUrl: server.baseUrl,
      eventId: warmUpEvent,
      tokens: await logins('bench_warm', WARM_UP),
      concurrency,
    });
    await server.streamsSettled?.(); // the warm-up's figures are counted before the rush (with the store here)
    const eventId = (await server.call('POST', '/v1/events', admin, eventBody())).body.event.id as string;
    const tokens = await logins('bench_rush', PEOPLE);
    let ops = 0;
    db().middlewareStack.add((next) => (args) => (ops++, next(args)), {
      step: 'build',
      name: 'benchOpCount',
    });
    // What the store has served once its stream functions are idle (the API's operations and their figure writes),
    // and with the store in a process of its own, the stream functions' CPU so far.
    const storeState = async () =>
      storeProcess
        ? storeProcess.call<{ served: number; streamsCpuMs: number }>({})
        : { served: server.storeRequestsServed!(), streamsCpuMs: 0 };
    /** The store process's CPU so far, at once (its stream functions may still be busy). */
    const storeCpu = async () =>
      storeProcess ? (await storeProcess.call<{ cpuMs: number }>({ cpu: true })).cpuMs : 0;
    const before = await storeState();
    const storeCpuBefore = await storeCpu();
    const apiCpuBefore = cpuMs();
    // The ledger's every version, from the store's change feed (reading it would take from the store's capacity).
    const watched = storeProcess
      ? (await storeProcess.call({ watch: ledgerKey(eventId) }),
        { stop: () => storeProcess.call<ItemPeak>({ watched: true }) })
      : watchItemSize(server.changes!, ledgerKey(eventId));
    const rush = await profiled(
      `${layout} ${concurrency} rush`,
      () =>
        load({
          kind: 'signups',
          baseUrl: server.baseUrl,
          eventId,
          tokens,
          concurrency,
        }),
      // This process is the API alone when the store and the clients have processes of their own.
      layout === 'one process' ? undefined : () => ({ units: ops, name: 'store operation' }),
    );
    const apiCpu = cpuMs() - apiCpuBefore;
    const storeCpuInRush = (await storeCpu()) - storeCpuBefore;
    const peak = await watched.stop();
    // (A store process lets its stream functions finish before it answers.)
    await server.streamsSettled?.();
    const after = await storeState();
    const storeOps = after.served - before.served;
    const storeOpsPerSignUp = storeOps / PEOPLE;
    const opsPerSignUp = ops / PEOPLE;
    const apiRate = (rush.latencies.length / rush.wallMs) * 1000;
    console.log(
      `layout: ${LAYOUTS[layout]}; ${concurrency} requests in flight, in the rush and in the raw updates (each ` +
        `side's store client keeps at most 50 connections)`,
    );
    console.log(
      describeLatency(
        `  sign-up rush via HTTP API (${SEATS} seats, ${PEOPLE} people)`,
        rush.latencies,
        rush.wallMs,
      ),
    );
    console.log(
      `  outcomes: ${Object.entries(rush.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    const event = (await server.call('GET', `/v1/events/${eventId}`)).body.event;
    console.log(
      `  event after: seatsTaken ${event.seatsTaken}/${event.capacity}, waitlist ${event.waitlistCount}`,
    );
    console.log(
      `  store operations: ${ops} = ${opsPerSignUp.toFixed(2)} per sign-up (the caller's authentication read included)`,
    );
    console.log(
      `  seat ledger during the rush: at most ${peak.bytes} bytes of JSON, ${peak.intents} intents in flight (all ${peak.versions} versions written)`,
    );
    /**
     * CPU time over wall time, as a share of one core. A process's JavaScript runs on one thread, which can use at most
     * one core; its garbage collector's and other helper threads add to the figure (so it can pass 100 %).
     */
    const busy = (cpu: number, wall: number) => `${Math.round((100 * cpu) / wall)} %`;
    const perSignUp = (ms: number) => `${ms.toFixed(0)} ms (${(ms / PEOPLE).toFixed(2)} per sign-up)`;
    console.log(
      storeProcess
        ? `  CPU in the rush (${((rush.wallMs * cpus().length) / 1000).toFixed(1)} core-seconds on this machine): ` +
            `API ${perSignUp(apiCpu)} = ${(apiCpu / ops).toFixed(2)} ms per store operation, store ` +
            `${perSignUp(storeCpuInRush)}, clients ${perSignUp(rush.cpuMs)}; the stream functions ` +
            `${perSignUp(after.streamsCpuMs - before.streamsCpuMs)} until every sign-up was counted (their process ` +
            `yields to the others)`
        : `  CPU in the rush, this one process: ${perSignUp(apiCpu)}`,
    );
    await loadRaw({
      kind: 'raw',
      endpoint: server.storeEndpoint,
      table: 'bench-raw-warm-up',
      count: WARM_UP,
      concurrency,
    });
    const rawStoreCpuBefore = await storeCpu();
    const raw = await profiled(
      `${layout} ${concurrency} raw`,
      () =>
        loadRaw({
          kind: 'raw',
          endpoint: server.storeEndpoint,
          table: 'bench-raw-counter',
          count: RAW_UPDATES,
          concurrency,
        }),
      // Pinned, the raw updates are sent from this process: its CPU per update is the raw client's.
      pinned ? () => ({ units: RAW_UPDATES, name: 'raw update' }) : undefined,
    );
    console.log(
      describeLatency(
        `  raw store conditional UpdateItem (${raw.outcomes.refused ?? 0} refused)`,
        raw.latencies,
        raw.wallMs,
      ),
    );
    const rawRate = (raw.latencies.length / raw.wallMs) * 1000;
    if (storeProcess) {
      const rawStoreCpu = (await storeCpu()) - rawStoreCpuBefore;
      console.log(
        `  CPU of the raw updates: store ${(rawStoreCpu / raw.latencies.length).toFixed(2)} ms per update, clients ` +
          `${(raw.cpuMs / raw.latencies.length).toFixed(2)} ms per update; busy: store ` +
          `${busy(rawStoreCpu, raw.wallMs)}, clients ${busy(raw.cpuMs, raw.wallMs)} (API in the rush: ${busy(apiCpu, rush.wallMs)})`,
      );
    }
    const ratio = apiRate / (rawRate / opsPerSignUp);
    console.log(
      `  ratio API sign-ups/s ÷ (raw conditional updates/s ÷ ${opsPerSignUp.toFixed(2)} ops per sign-up) = ` +
        `${ratio.toFixed(2)} (goal ≥ 0.8)`,
    );
    console.log(
      `  the store served ${storeOps} requests for the rush = ${storeOpsPerSignUp.toFixed(2)} per sign-up: the API's ` +
        `and the stream functions' figure writes, which share this store here`,
    );
    return ratio;
  } finally {
    if (!loadProcess || pinned) closeRawClients();
    if (pinned) {
      if (workerCpus === undefined) delete process.env.BENCH_WORKER_CPUS;
      else process.env.BENCH_WORKER_CPUS = workerCpus;
      if (!pinThisProcess(null))
        console.log('  (this process could not be given every core back: taskset refused)');
    }
    await started?.close();
    await loadProcess?.stop();
    await storeWorker?.stop();
  }
}

const LAYOUTS: Record<Layout, string> = {
  'one process': 'one process (clients, API and store share one thread, as `npm start` runs them)',
  separate:
    'separate processes (the store in one, the stream functions in another, the clients in a third, the API here: ' +
    'as in production, where DynamoDB, the stream functions’ Lambdas and the phones are not on the API’s CPU; ' +
    `4 processes on this machine’s ${cpus().length} cores)`,
  pinned:
    'pinned (as separate, with the API alone on core 0 and the store, the stream functions and the clients on the ' +
    'other cores, as a Lambda has its CPU to itself; the raw updates sent from core 0 too, this process’s CPU then ' +
    'being the raw client’s. On a 2-core machine the store shares core 1 with the clients and the stream functions ' +
    'in the rush, and has it to itself in the raw updates)',
};

async function opsPerOutcome(): Promise<void> {
  const app = await startTestApp();
  try {
    installStoreProbe();
    const admin = await app.login('admin');
    const created = await app.request('POST', '/v1/events', { token: admin.token, body: eventBody() });
    const eventId = created.body.event.id as string;
    const users: { token: string }[] = [];
    for (let i = 0; i < PEOPLE; i += 100) {
      const batch = Array.from({ length: Math.min(100, PEOPLE - i) }, (_, j) =>
        app.login(`bench_ops_${i + j}`),
      );
      users.push(...(await Promise.all(batch)));
    }
    const rush = await runConcurrently(
      users.map(
        (u) => () =>
          counted(() => app.request('POST', `/v1/events/${eventId}/signups`, { token: u.token, body: {} })),
      ),
      CONCURRENCY,
    );
    const byOutcome = new Map<string, StoreOp[][]>();
    for (const { result, ops } of rush.results) {
      const outcome = result.status === 201 ? result.body.signup.status : `refused ${result.status}`;
      byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), ops]);
    }
    // Refused sign-ups: 25 of the rush tapping again (already signed up), then 25 newcomers once it is closed.
    const late = await Promise.all(Array.from({ length: 25 }, (_, i) => app.login(`bench_late_${i}`)));
    const refusedTaps = [...users.slice(0, 25), ...late];
    for (const [i, u] of refusedTaps.entries()) {
      if (i === 25) await app.request('POST', `/v1/events/${eventId}/close`, { token: admin.token });
      const { result, ops } = await counted(() =>
        app.request('POST', `/v1/events/${eventId}/signups`, { token: u.token, body: {} }),
      );
      const outcome = `refused ${result.status} ${result.body.error?.code}`;
      byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), ops]);
    }
    console.log(
      'store operations per sign-up, in-process gateway (the caller’s authentication read included):',
    );
    for (const [outcome, all] of byOutcome) {
      const counts = all.map((ops) => ops.length);
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      const typical = all.find((ops) => ops.length === Math.min(...counts))!;
      console.log(
        `  ${outcome}: ${all.length} sign-ups, ${mean.toFixed(2)} ops on average (min ${Math.min(...counts)}, max ` +
          `${Math.max(...counts)}); e.g. ${typical.map((o) => `${o.command.replace('Command', '')} ${o.sk || o.pk.split('#')[0]}`).join(', ')}`,
      );
    }
  } finally {
    await app.close();
  }
}

/** The same rush `BENCH_REPEAT` times (default 1), each on a fresh store; with more than one, the ratios' median. */
async function repeated(layout: Layout, concurrency = CONCURRENCY): Promise<void> {
  const times = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1) || 1);
  const ratios: number[] = [];
  for (let i = 0; i < times; i++) {
    const ratio = await httpRush(layout, concurrency);
    if (ratio === null) return;
    ratios.push(ratio);
  }
  if (times === 1) return;
  console.log(
    `ratio over ${times} runs of layout ${layout}, ${concurrency} in flight: median ${median(ratios).toFixed(2)} ` +
      `(${ratios.map((r) => r.toFixed(2)).join(', ')}; goal ≥ 0.8)`,
  );
}

export async function run(): Promise<void> {
  // BENCH_LAYOUT=one (or separate, or pinned) runs that layout alone, e.g. under a profiler; otherwise everything.
  // BENCH_REPEAT=N runs each rush N times and prints the median ratio (a single run's ratio moves by ±0.1).
  const only = process.env.BENCH_LAYOUT;
  if (!only || only === 'one') await repeated('one process');
  // The production-shaped layouts at 50 and at 100 in flight: the raw client's CPU per update moves with the number
  // in flight more than the API's does, and so does the ratio (both are printed).
  if (!only || only === 'separate') {
    await repeated('separate');
    await repeated('separate', 2 * CONCURRENCY);
  }
  if (!only || only === 'pinned') {
    await repeated('pinned');
    await repeated('pinned', 2 * CONCURRENCY);
  }
  if (!only) await opsPerOutcome();
}
