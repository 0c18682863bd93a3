// `npm start` on a fresh clone: how long until the API answers, what the page says while the H5 app is built beside
// it, and how long until the app itself is served; then a second start of the same clone (data and build kept).
// The clone is of the committed HEAD (git clone of this repository), with this checkout's node_modules hard-linked
// in (as `npm install` would leave them); its H5 build is a real one, so this bench takes a few minutes.
// Figures are printed, never asserted (a page that never comes is reported, and the bench goes on).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../infra/local/serverlessConfig';

const H5_DEADLINE_MS = 10 * 60_000;

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

/** Polls `url` every 50 ms until `ok` holds for its answer; the ms since `started`, or null past the deadline. */
async function until(
  url: string,
  ok: (answer: { status: number; text: string }) => boolean,
  started: number,
  deadlineMs: number,
): Promise<{ ms: number; answer: { status: number; text: string } } | null> {
  while (performance.now() - started < deadlineMs) {
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

async function npmStart(cwd: string): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: the H5 build it spawns is stopped with it
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  return { child, base: `http://127.0.0.1:${port}`, started, output: () => output };
}

async function stop(s: Started): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  process.kill(-s.child.pid!, 'SIGTERM');
  const killer = setTimeout(() => process.kill(-s.child.pid!, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(killer);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function firstStart(clone: string): Promise<void> {
  const s = await npmStart(clone);
  try {
    const health = await until(`${s.base}/v1/health`, (a) => a.status === 200, s.started, 120_000);
    if (!health) {
      console.log(`first start: no healthy reply in 120 s; its output:\n${s.output().slice(-2000)}`);
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
    });
    const events = await get(`${s.base}/v1/events`);
    console.log(
      `  meanwhile: sign-in ${login.status}, /v1/events ${events?.status} (${(JSON.parse(events?.text ?? '{}').items ?? []).length} demo events)`,
    );
    const app = await until(
      `${s.base}/`,
      (a) => a.status === 200 && a.text.includes('<div id="app"'),
      s.started,
      H5_DEADLINE_MS,
    );
    console.log(
      app
        ? `  the H5 app served after ${seconds(app.ms)} (built beside the running API)`
        : `  the H5 app not served within ${seconds(H5_DEADLINE_MS)}; its output:\n${s.output().slice(-2000)}`,
    );
  } finally {
    await stop(s);
  }
}

async function secondStart(clone: string): Promise<void> {
  const s = await npmStart(clone);
  try {
    const health = await until(`${s.base}/v1/health`, (a) => a.status === 200, s.started, 120_000);
    const page = await get(`${s.base}/`);
    console.log(
      health
        ? `second start (data and build kept, sources unchanged): /v1/health after ${seconds(health.ms)}, the page ` +
            `${page?.status}${s.output().includes('构建 H5') ? ' (it rebuilt: the build was judged stale)' : ' (no rebuild)'}`
        : `second start: no healthy reply in 120 s; its output:\n${s.output().slice(-2000)}`,
    );
  } finally {
    await stop(s);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-start-bench-'));
  const clone = path.join(dir, 'main');
  try {
    spawnSync('git', ['clone', '-q', ROOT, clone], { stdio: 'inherit' });
    const head = spawnSync('git', ['-C', clone, 'log', '-1', '--format=%h'], {
      encoding: 'utf8',
    }).stdout.trim();
    spawnSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')], {
      stdio: 'inherit',
    });
    console.log(`a clone of ${head}, node_modules hard-linked from this checkout`);
    await firstStart(clone);
    await secondStart(clone);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
