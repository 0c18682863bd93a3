// Helpers shared by the shared-space integration tests: creating spaces, door tokens, moving the feature's clock,
// running the scheduled job, and auditing the occupancy invariant straight from the store.
import type { Space } from '../../shared/api/spaces';
import { checkinStore } from '../../functions/spaces/checkinStore';
import { spacesClock } from '../../functions/spaces/clock';
import { handler as maintenance } from '../../functions/spaces/handlers/runMaintenance';
import { spaceStore } from '../../functions/spaces/spaceStore';
import type { TestApp } from '../support/app';

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

/** Runs the scheduled maintenance job as of `now` (past every lease when moved ahead by the caller). */
export async function runMaintenance(now: number): Promise<void> {
  setClock(now);
  await maintenance();
}
