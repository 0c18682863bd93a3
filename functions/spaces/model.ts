// Item keys, records and their mapping for the shared-space feature (one table; see infra/table.yml).
//   SPACE#<id> / META              the space, its occupancy counter and the in-flight intents (byFeed SPACES)
//   SPACE#<id> / OPEN#<userId>     one open check-in per user per space (queue: OPENCHECKINS#<id> by autoOutAt)
//   SPACE#<id> / DAY#<date>        per-day statistics (visits, unique visitors, peak, by identity; statsStore.ts)
//   SPACECHECKIN#<checkinId> / META  the visit's history (byOwner: USER#<userId> / SPACECHECKIN#<checkedInAt>#<id>)
import { idPathParams } from '../../shared/api/common';
import type { SpaceDayStats } from '../../shared/api/spaces';
import { IDENTITIES, type Identity } from '../../shared/api/users';

type Item = Record<string, unknown>;

/** Path parameters shared by the space routes. */
export const spaceParams = idPathParams;

export const SPACES_FEED = 'SPACES';

/** Signed-token purpose of door codes (functions/lib/signedTokens.ts). */
export const DOOR_TOKEN_PURPOSE = 'door';
/** What a door token says: the space (`s`) and the code revision it was signed for (`r`). */
export type DoorToken = { s: string; r: number };

export const spaceKey = (spaceId: string) => ({ pk: `SPACE#${spaceId}`, sk: 'META' });
export const openKey = (spaceId: string, userId: string) => ({
  pk: `SPACE#${spaceId}`,
  sk: `OPEN#${userId}`,
});
export const dayKey = (spaceId: string, date: string) => ({ pk: `SPACE#${spaceId}`, sk: `DAY#${date}` });
export const historyKey = (checkinId: string) => ({ pk: `SPACECHECKIN#${checkinId}`, sk: 'META' });
export const openQueuePk = (spaceId: string) => `OPENCHECKINS#${spaceId}`;

/** Intent map keys on the space item: one per check-in being opened or closed. */
export const inIntentKey = (checkinId: string) => `in_${checkinId}`;
export const outIntentKey = (checkinId: string) => `out_${checkinId}`;

export interface SpaceRecord {
  id: string;
  name: string;
  address: string;
  capacity: number;
  /** The counter: places taken by open check-ins plus in-flight intents (see NOTES-invariants). */
  occupancy: number;
  /** Bumped by every counter change, so a recount can tell nothing moved while it counted. */
  seq: number;
  intents: Record<string, Intent>;
  qrRevision: number;
  amenities: string[];
  opensAt: string | null;
  closesAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The profile fields an admin may change. */
export type SpaceChanges = Partial<
  Pick<SpaceRecord, 'name' | 'address' | 'capacity' | 'amenities' | 'opensAt' | 'closesAt'>
>;

/** What an in-flight change of the counter belongs to, so a sweeper can finish or undo it exactly once. */
export interface Intent {
  op: 'in' | 'out';
  checkinId: string;
  userId: string;
  /** Epoch ms when the intent was recorded (a sweeper only touches intents older than a lease). */
  at: number;
  checkedInAt?: string;
  autoOutAt?: string;
  identity?: Identity | null;
  /** Out intents: why and when the visit ended. */
  closedBy?: 'user' | 'auto';
  checkedOutAt?: string;
}

export interface OpenCheckinRecord {
  checkinId: string;
  spaceId: string;
  userId: string;
  identity: Identity | null;
  checkedInAt: string;
  autoOutAt: string;
  /** Set by the one closer that won the right to close this check-in. */
  closingBy?: string;
  closingAt?: number;
  closingReason?: 'user' | 'auto';
  closingOutAt?: string;
}

export interface HistoryRecord {
  id: string;
  spaceId: string;
  spaceName: string;
  userId: string;
  identity: Identity | null;
  status: 'in' | 'out';
  checkedInAt: string;
  autoOutAt: string;
  checkedOutAt?: string;
  closedBy?: 'user' | 'auto';
  /**
   * The space's counter as the check-in left it (its own place counted): the day's peak is raised to it from the
   * stream (visitFigures.ts). Absent when a repair wrote the visit (the counter then is not this check-in's).
   */
  occupancy?: number;
}

/** Who a visit is counted under in the statistics (`unknown`: no identity set). */
export type IdentityKey = Identity | 'unknown';
const IDENTITY_KEYS: IdentityKey[] = [...IDENTITIES, 'unknown'];

export function spaceItem(space: SpaceRecord): Item {
  const { opensAt, closesAt, ...rest } = space;
  return {
    ...spaceKey(space.id),
    type: 'space',
    ...rest,
    ...(opensAt ? { opensAt, closesAt } : {}),
    feedPk: SPACES_FEED,
    feedSk: `${space.createdAt}#${space.id}`,
  };
}

export function spaceFromItem(item: Item): SpaceRecord {
  return {
    id: item.id as string,
    name: item.name as string,
    address: item.address as string,
    capacity: item.capacity as number,
    occupancy: item.occupancy as number,
    seq: (item.seq as number | undefined) ?? 0,
    intents: (item.intents as Record<string, Intent> | undefined) ?? {},
    qrRevision: item.qrRevision as number,
    amenities: (item.amenities as string[] | undefined) ?? [],
    opensAt: (item.opensAt as string | undefined) ?? null,
    closesAt: (item.closesAt as string | undefined) ?? null,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export function openItem(open: OpenCheckinRecord): Item {
  return {
    ...openKey(open.spaceId, open.userId),
    type: 'space_open_checkin',
    ...open,
    identity: open.identity ?? undefined,
    queuePk: openQueuePk(open.spaceId),
    queueSk: `${open.autoOutAt}#${open.userId}`,
  };
}

export function openFromItem(item: Item): OpenCheckinRecord {
  return {
    checkinId: item.checkinId as string,
    spaceId: item.spaceId as string,
    userId: item.userId as string,
    identity: (item.identity as Identity | undefined) ?? null,
    checkedInAt: item.checkedInAt as string,
    autoOutAt: item.autoOutAt as string,
    closingBy: item.closingBy as string | undefined,
    closingAt: item.closingAt as number | undefined,
    closingReason: item.closingReason as 'user' | 'auto' | undefined,
    closingOutAt: item.closingOutAt as string | undefined,
  };
}

export function historyItem(history: HistoryRecord): Item {
  return {
    ...historyKey(history.id),
    type: 'space_checkin',
    ...history,
    identity: history.identity ?? undefined,
    ownerPk: `USER#${history.userId}`,
    ownerSk: `SPACECHECKIN#${history.checkedInAt}#${history.id}`,
  };
}

export function historyFromItem(item: Item): HistoryRecord {
  return {
    id: item.id as string,
    spaceId: item.spaceId as string,
    spaceName: item.spaceName as string,
    userId: item.userId as string,
    identity: (item.identity as Identity | undefined) ?? null,
    status: item.status as 'in' | 'out',
    checkedInAt: item.checkedInAt as string,
    autoOutAt: item.autoOutAt as string,
    checkedOutAt: item.checkedOutAt as string | undefined,
    closedBy: item.closedBy as 'user' | 'auto' | undefined,
    occupancy: item.occupancy as number | undefined,
  };
}

/** A day's statistics item (or none: a day without visits) as the reply's figures. */
export function dayStatsFromItem(item: Item | undefined): SpaceDayStats {
  const byIdentity: SpaceDayStats['byIdentity'] = {};
  for (const key of IDENTITY_KEYS) {
    const n = item?.[`identity_${key}`];
    if (typeof n === 'number' && n > 0) byIdentity[key] = n;
  }
  return {
    visits: (item?.visits as number | undefined) ?? 0,
    uniqueVisitors: (item?.uniqueVisitors as number | undefined) ?? 0,
    peakOccupancy: (item?.peakOccupancy as number | undefined) ?? 0,
    byIdentity,
  };
}

/** The district date of a day statistics item (`DAY#<date>`). */
export const dateOfDayItem = (item: Item): string => (item.sk as string).slice(4);
