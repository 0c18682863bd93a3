// `npm start` on a fresh clone: how long until the API answers, what the page says while the H5 app is built beside
// it, and how long until the app itself is served; then a second start of the same clone (data and build kept).
// The clone is of the committed HEAD (git clone of this repository), with this checkout's node_modules hard-linked
// in (as `npm install` would leave them); its H5 build is a real one, so this bench takes a few minutes. `npm start`
// gets the environment a person's shell would give it (personEnv).
// Figures are printed, never asserted (a page that never comes is reported, and the bench goes on).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../infra/local/serverlessConfig';

const H5_DEADLINE_MS = 10 * 60_000;
const HEALTHY_DEADLINE_MS = 120_000;

/** A port free now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function get(url: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null; // not listening yet
  }
}

/**
 * Polls `url` every 50 ms until `ok` holds for its answer: the ms since `started`, or null past the deadline or once
 * `alive` says the server is gone.
 */
async function until(
  url: string,
  ok: (answer: { status: number; text: string }) => boolean,
  started: number,
  deadlineMs: number,
  alive: () => boolean,
): Promise<{ ms: number; answer: { status: number; text: string } } | null> {
  while (performance.now() - started < deadlineMs && alive()) {
    const answer = await get(url);
    if (answer && ok(answer)) return { ms: performance.now() - started, answer };
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

interface Started {
  child: ChildProcess;
  base: string;
  started: number;
  output: () => string;
}

/**
 * The environment a person's shell would give `npm start`: this process's, without what the bench and its tests set
 * for themselves (their table, secrets, log level, node environment) or what would change the start (a data folder,
 * no seeding, no H5 build).
 */
function personEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  for (const name of [
    'TABLE_NAME',
    'TOKEN_SECRET',
    'QR_KEYS',
    'ADMIN_OPENIDS',
    'AUTH_PROVIDER',
    'LOG_LEVEL',
    'NODE_ENV',
    'DATA_DIR',
    'SEED',
    'SKIP_H5_BUILD',
    'DYNAMODB_ENDPOINT',
    'TARO_OUTPUT_ROOT',
  ])
    delete env[name];
  return env;
}

async function npmStart(cwd: string): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd,
    env: personEnv(port),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: the H5 build it spawns is stopped with it
  });
  let output = '';
  child.on('error', (err) => (output += `\n(npm start could not be spawned: ${err.message})`));
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  return { child, base: `http://127.0.0.1:${port}`, started, output: () => output };
}

/** True while `npm start` itself runs. */
const running = (s: Started) => s.child.exitCode === null && s.child.signalCode === null;

/** Sends `signal` to the whole process group (0: only asks); false once none of it is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/** Stops `npm start` and everything it started, and waits until none of it is left (the store's files are free). */
async function stop(s: Started): Promise<void> {
  const pid = s.child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const killAt = performance.now() + 20_000;
  let killed = false;
  while (signalGroup(pid, 0)) {
    if (!killed && performance.now() > killAt) {
      signalGroup(pid, 'SIGKILL');
      killed = true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** When `/v1/health` first answered 200, or null (in HEALTHY_DEADLINE_MS, or the server ended first). */
const healthy = (s: Started) =>
  until(
    `${s.base}/v1/health`,
    (a) => a.status === 200,
    s.started,
    HEALTHY_DEADLINE_MS,
    () => running(s),
  );

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function firstStart(clone: string): Promise<void> {
  const s = await npmStart(clone);
  try {
    const health = await healthy(s);
    if (!health) {
      console.log(
        `first start: no healthy reply (in 120 s, or it ended); its output:\n${s.output().slice(-2000)}`,
      );
      return;
    }
    const page = await get(`${s.base}/`);
    const building = page?.status === 503 && page.text.includes('H5 应用正在构建');
    console.log(
      `first start of a fresh clone (no data, no H5 build): the API answered /v1/health after ${seconds(health.ms)} ` +
        `(the demo data written first); the page then: ${page?.status} ${building ? '“H5 应用正在构建…”' : JSON.stringify(page?.text.slice(0, 80))}`,
    );
    const login = await fetch(`${s.base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'dev:bench_start' }),
      signal: AbortSignal.timeout(5_000),
    }).then(
      (res) => String(res.status),
      (err: Error) => `failed (${err.message})`,
    );
    const events = await get(`${s.base}/v1/events`);
    let listed = 'not JSON';
    try {
      const items = (JSON.parse(events?.text ?? '{}') as { items?: unknown[] }).items ?? [];
      listed = `${items.length} events on its first page`;
    } catch {
      // reported as not JSON
    }
    console.log(`  meanwhile: sign-in ${login}, /v1/events ${events?.status} (${listed})`);
    const app = await until(
      `${s.base}/`,
      (a) => a.status === 200 && a.text.includes('<div id="app"'),
      s.started,
      H5_DEADLINE_MS,
      () => running(s),
    );
    console.log(
      app
        ? `  the H5 app served after ${seconds(app.ms)} (built beside the running API)`
        : `  the H5 app not served (in ${seconds(H5_DEADLINE_MS)}, or the server ended); its output:\n${s.output().slice(-2000)}`,
    );
  } finally {
    await stop(s);
  }
}

async function secondStart(clone: string): Promise<void> {
  const s = await npmStart(clone);
  try {
    const health = await healthy(s);
    const page = await get(`${s.base}/`);
    console.log(
      health
        ? `second start (data and build kept, sources unchanged): /v1/health after ${seconds(health.ms)}, the page ` +
            `${page?.status}${s.output().includes('构建 H5') ? ' (it rebuilt: the build was judged stale)' : ' (no rebuild)'}`
        : `second start: no healthy reply (in 120 s, or it ended); its output:\n${s.output().slice(-2000)}`,
    );
  } finally {
    await stop(s);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-start-bench-'));
  const clone = path.join(dir, 'main');
  try {
    if (spawnSync('git', ['clone', '-q', ROOT, clone], { stdio: 'inherit' }).status !== 0) {
      console.log('start: not run (git clone failed)');
      return;
    }
    const head = spawnSync('git', ['-C', clone, 'log', '-1', '--format=%h'], {
      encoding: 'utf8',
    }).stdout.trim();
    // Hard links when the temporary folder is on this checkout's file system; a copy otherwise.
    const modules = [path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')];
    const linked = spawnSync('cp', ['-al', ...modules], { stdio: 'ignore' }).status === 0;
    if (!linked) {
      rmSync(modules[1], { recursive: true, force: true });
      if (spawnSync('cp', ['-a', ...modules], { stdio: 'inherit' }).status !== 0) {
        console.log('start: not run (node_modules could not be copied into the clone)');
        return;
      }
    }
    console.log(`a clone of ${head}, node_modules ${linked ? 'hard-linked' : 'copied'} from this checkout`);
    await firstStart(clone);
    await secondStart(clone);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
