// Item keys and shapes of the shared-space feature (one table; see infra/table.yml).
//   SPACE#<id> / META              the space, its occupancy counter and the in-flight intents
//   SPACE#<id> / OPEN#<userId>     one open check-in per user per space (queue: OPENCHECKINS#<id> by autoOutAt)
//   SPACE#<id> / DAY#<date>        per-day statistics (visits, unique visitors, peak, by identity)
//   SPACE#<id> / VISITOR#<date>#<userId>  marker that this user was already counted as a visitor that day
//   SPACECHECKIN#<checkinId> / META  the visit's history (byOwner: USER#<userId> / SPACECHECKIN#<checkedInAt>#<id>)
import type { Identity } from '../../shared/api/users';

export const SPACES_FEED = 'SPACES';

export const spaceKey = (spaceId: string) => ({ pk: `SPACE#${spaceId}`, sk: 'META' });
export const openKey = (spaceId: string, userId: string) => ({
  pk: `SPACE#${spaceId}`,
  sk: `OPEN#${userId}`,
});
export const dayKey = (spaceId: string, date: string) => ({ pk: `SPACE#${spaceId}`, sk: `DAY#${date}` });
export const visitorKey = (spaceId: string, date: string, userId: string) => ({
  pk: `SPACE#${spaceId}`,
  sk: `VISITOR#${date}#${userId}`,
});
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
}
