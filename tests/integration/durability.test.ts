// Issue 17, durability: the real `npm start` server (infra/local/start.ts: the embedded store persisted under
// DATA_DIR, the real handlers behind the local gateway), started as a child process on a temp DATA_DIR and a free port
// (SKIP_H5_BUILD=1, SEED=0), is killed with SIGKILL in the middle of a sign-up rush and started again on the same
// DATA_DIR. Every acknowledged write (every 2xx sign-up) is there, with its status or a later one (a waiting signup may
// have been promoted); after reconciliation (`npm run reconcile`, STALE_AFTER_MS=0: the killed requests are dead) the
// confirmed seats fit the capacity and the event's counters are exactly what its signups say.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const CAPACITY = 20;
const RUSH = 60;
/** SIGKILL once this many sign-ups have been acknowledged: the rest are in flight or not yet sent. */
const KILL_AFTER_ACKS = 15;

let dataDir: string;
let port: number;
let server: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SKIP_H5_BUILD: '1',
    SEED: '0',
    LOG_LEVEL: 'error',
    TABLE_NAME: 'red-circle-durability',
    ...extra,
  };
}

/** `npm start` in its own process group (npm → tsx → node), so SIGKILL reaches the server itself. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn('npm', ['start'], { cwd: ROOT, env: childEnv(), detached: true, stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('running at')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not come up (exit ${child.exitCode}):\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function sigkill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

function run(command: string, args: string[], extra: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv(extra), stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')}: ${code}\n${output}`)),
    );
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(method: string, url: string, token?: string, body?: unknown, key?: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function login(openid: string): Promise<{ token: string; userId: string }> {
  const res = await api('POST', '/v1/auth/login', undefined, { code: `dev:${openid}` });
  if (res.status !== 200) throw new Error(`login ${openid}: ${res.status}`);
  return { token: res.body.token, userId: res.body.user.id };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rc-durability-'));
  port = await freePort();
});
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) await sigkill(server);
  rmSync(dataDir, { recursive: true, force: true });
});

const t0 = Date.now();
const lap = (what: string) =>
  console.log(`durability: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);

it('keeps every acknowledged sign-up across a SIGKILL mid-rush; invariants hold after reconciliation', async () => {
  server = await startServer();
  lap('server up');
  const admin = await login('admin');
  const days = (d: number) => new Date(Date.now() + d * 86400000).toISOString();
  const created = await api('POST', '/v1/events', admin.token, {
    kind: 'party_lesson',
    title: '断电演练',
    description: '服务进程在报名高峰被强制结束',
    location: '党群服务中心',
    startsAt: days(3),
    endsAt: days(3.1),
    capacity: CAPACITY,
  });
  expect(created.status).toBe(201);
  const eventId: string = created.body.event.id;
  const users: { token: string; userId: string }[] = [];
  for (let i = 0; i < RUSH; i++) users.push(await login(`durable_${i}`));
  lap('users in');

  // The rush: every user signs up at once; the server is killed once KILL_AFTER_ACKS replies are in.
  const acked = new Map<string, string>(); // userId → status acknowledged
  let killed: Promise<void> | null = null;
  const outcomes = await Promise.all(
    users.map(async (u, i) => {
      try {
        const res = await api('POST', `/v1/events/${eventId}/signups`, u.token, {}, `rush-${i}`);
        if (res.status === 201) {
          acked.set(u.userId, res.body.signup.status);
          if (acked.size >= KILL_AFTER_ACKS && !killed) killed = sigkill(server!);
        }
        return String(res.status);
      } catch {
        return 'cut';
      }
    }),
  );
  await killed;
  lap('rush over');
  const counts = outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o]: (m[o] ?? 0) + 1 }), {});
  console.log(`durability: ${RUSH} sign-ups, ${acked.size} acknowledged before/around the SIGKILL`, counts);
  expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(counts.cut ?? 0).toBeGreaterThan(0); // the kill did land mid-rush
  expect(Object.keys(counts).every((k) => k === '201' || k === 'cut')).toBe(true);

  // Reconciliation with the server down (the killed requests are dead: their intents are settled now).
  const report = await run('npm', ['run', 'reconcile'], { STALE_AFTER_MS: '0' });
  console.log(report.trim().split('\n').slice(-2).join('\n'));

  lap('reconciled');
  server = await startServer();
  lap('server up again');
  const staff = await login('admin');
  const event = (await api('GET', `/v1/events/${eventId}`, staff.token)).body.event;
  const signups: { userId: string; status: string; seats: number }[] = [];
  let cursor: string | null = null;
  do {
    const page = await api(
      'GET',
      `/v1/events/${eventId}/signups?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      staff.token,
    );
    expect(page.status).toBe(200);
    signups.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);

  // Every acknowledged write is there: a confirmed one still confirmed, a waiting one waiting or promoted.
  const byUser = new Map(signups.map((s) => [s.userId, s]));
  for (const [userId, status] of acked) {
    const found = byUser.get(userId);
    expect([userId, found?.status]).toEqual([
      userId,
      status === 'confirmed' ? 'confirmed' : expect.stringMatching(/^(waitlisted|confirmed)$/),
    ]);
  }
  const confirmedSeats = signups.filter((s) => s.status === 'confirmed').reduce((n, s) => n + s.seats, 0);
  const waiting = signups.filter((s) => s.status === 'waitlisted').length;
  expect(confirmedSeats).toBeLessThanOrEqual(CAPACITY);
  expect(event).toMatchObject({ capacity: CAPACITY, seatsTaken: confirmedSeats, waitlistCount: waiting });
  // Nobody waits while a seat is free (the reconciler promotes).
  expect(waiting === 0 || confirmedSeats === CAPACITY).toBe(true);
  console.log(
    `durability: after restart ${signups.length} signups, ${confirmedSeats}/${CAPACITY} confirmed, ${waiting} waiting`,
  );
  await sigkill(server);
});
