// Helpers shared by the shared-space integration tests: creating spaces, door tokens, moving the feature's clock,
// running the scheduled job (whole, or its repair and its recount one at a time), and auditing the occupancy
// invariant straight from the store.
import type { Space } from '../../shared/api/spaces';
import { disarmAllFailpoints } from '../../functions/lib/faults';
import { checkinStore } from '../../functions/spaces/checkinStore';
import { spacesClock } from '../../functions/spaces/clock';
import { handler as maintenance } from '../../functions/spaces/handlers/runMaintenance';
import type { HistoryRecord, Intent } from '../../functions/spaces/model';
import { reconcileService, type RepairReport } from '../../functions/spaces/reconcileService';
import { spaceStore } from '../../functions/spaces/spaceStore';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';

export const DISTRICT_DAY = '2026-12-01';
/** An instant of the test district day at HH:MM district time. */
export const at = (hhmm: string, day = DISTRICT_DAY) => Date.parse(`${day}T${hhmm}:00+08:00`);

export function setClock(ms: number): void {
  spacesClock.now = () => ms;
}
export function resetClock(): void {
  spacesClock.now = () => Date.now();
}

export interface Staff {
  admin: string;
  staff: string;
}

export async function staffTokens(app: TestApp): Promise<Staff> {
  const admin = (await app.login('admin')).token;
  const staff = (await app.userWithRoles('space_staff', ['staff'])).token;
  return { admin, staff };
}

/** When the crash tests' requests die, and a moment when every lease they left has run out. */
export const CRASH_TIME = at('10:00');
export const AFTER_LEASE = CRASH_TIME + 2 * 60_000;

export interface SpacesSuite {
  app: TestApp;
  staff: Staff;
  /** Signs in a user no other test of the file uses. */
  newUser(): Promise<{ token: string; userId: string }>;
}

/**
 * One app for the test file (filled in before the first test), with an admin and a staff member; after each test
 * the clock is reset and failpoints disarmed.
 */
export function spacesSuite(options: TestAppOptions = {}): SpacesSuite {
  let users = 0;
  const suite = { newUser: () => suite.app.login(`suite_user_${++users}`) } as SpacesSuite;
  beforeAll(async () => {
    suite.app = await startTestApp(options);
    suite.staff = await staffTokens(suite.app);
  });
  afterAll(async () => {
    disarmAllFailpoints();
    resetClock();
    // Let the index copy catch up first, so no replication is in flight while the stores close.
    await suite.app.indexesSettled().finally(() => suite.app.close());
  });
  afterEach(() => {
    disarmAllFailpoints();
    resetClock();
  });
  return suite;
}

let spaceCounter = 0;
export async function createSpace(
  app: TestApp,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Space> {
  spaceCounter++;
  const res = await app.request('POST', '/v1/spaces', {
    token: adminToken,
    body: {
      name: `共享空间${spaceCounter}`,
      address: '环翠楼街道 1 号',
      capacity: 10,
      amenities: ['饮水', '微波炉'],
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`creating a space failed: ${res.status} ${res.text}`);
  return res.body.space as Space;
}

/** A new space with `capacity` places and its door token. */
export async function spaceWithDoor({ app, staff }: SpacesSuite, capacity: number) {
  const space = await createSpace(app, staff.admin, { capacity });
  return { space, door: await doorToken(app, staff.staff, space.id) };
}

export async function doorToken(app: TestApp, staffToken: string, spaceId: string): Promise<string> {
  const res = await app.request('GET', `/v1/spaces/${spaceId}/qrcode`, { token: staffToken });
  if (res.status !== 200) throw new Error(`door code failed: ${res.status} ${res.text}`);
  return res.body.token as string;
}

export function checkIn(app: TestApp, token: string, spaceId: string, door: string) {
  return app.request('POST', `/v1/spaces/${spaceId}/checkins`, { token, body: { token: door } });
}

export function checkOut(app: TestApp, token: string, spaceId: string) {
  return app.request('POST', `/v1/spaces/${spaceId}/checkout`, { token });
}

/** The user's visits as their list shows them (a listing: read once the index caught up). */
export async function visits(app: TestApp, token: string): Promise<{ id: string; status: string }[]> {
  await app.indexesSettled();
  return (await app.request('GET', '/v1/me/checkins', { token })).body.items;
}

/** Signs in `count` users named `<prefix><i>`, in parallel. */
export async function users(app: TestApp, prefix: string, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, async (_, i) => (await app.login(`${prefix}${i}`)).token));
}

export interface Audit {
  counter: number;
  capacity: number;
  open: number;
  intents: number;
}

/** Open check-ins not yet past their automatic check-out as of the feature's clock: the places really taken. */
export async function liveOpen(spaceId: string): Promise<number> {
  const now = new Date(spacesClock.now()).toISOString();
  return (await checkinStore.listAllOpen(spaceId)).filter((o) => o.autoOutAt > now).length;
}

/** The counter, the open check-ins and the in-flight intents, read from the store (strongly consistent). */
export async function audit(spaceId: string): Promise<Audit> {
  const space = await spaceStore.get(spaceId, true);
  if (!space) throw new Error(`no space ${spaceId}`);
  const open = await checkinStore.listAllOpen(spaceId);
  return {
    counter: space.occupancy,
    capacity: space.capacity,
    open: open.length,
    intents: Object.keys(space.intents).length,
  };
}

/**
 * Runs the whole scheduled job as of `now` (past every lease when moved ahead by the caller). With `app`, first waits
 * until the indexes show every write so far: the job finds spaces and overdue visits through indexes, and in
 * production it runs minutes after the writes a test makes a moment before.
 */
export async function runMaintenance(now: number, app?: TestApp): Promise<void> {
  await app?.indexesSettled();
  setClock(now);
  await maintenance();
}

/** The job's repair of one space as of `now`, without its recount. */
export async function repairSpace(spaceId: string, now: number): Promise<RepairReport> {
  setClock(now);
  return reconcileService.repairSpace(spaceId, now);
}

/** The invariant when nothing is in flight: no intent, counter = open check-ins ≤ capacity. */
export async function expectExact(spaceId: string): Promise<Audit> {
  const state = await audit(spaceId);
  expect(state.intents).toBe(0);
  expect(state.counter).toBe(state.open);
  expect(state.counter).toBeLessThanOrEqual(state.capacity);
  return state;
}

/** The recount, run after a repair was checked on its own, has nothing to fix. */
export async function expectRecountFindsNothing(spaceId: string): Promise<void> {
  expect(await reconcileService.recount(spaceId)).toBe(false);
}

/** The intents in flight on the space item. */
export async function intentsOf(spaceId: string): Promise<Intent[]> {
  return Object.values((await spaceStore.get(spaceId, true))!.intents);
}

/** A visit's history item (strongly consistent), or null. */
export function historyOf(checkinId: string): Promise<HistoryRecord | null> {
  return checkinStore.getHistory(checkinId);
}

/** The user's open check-in id in the space, or null. */
export async function openCheckinOf(spaceId: string, userId: string): Promise<string | null> {
  return (await checkinStore.getOpen(spaceId, userId))?.checkinId ?? null;
}
