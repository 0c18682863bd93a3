// Replies of the shared-space feature: records → the contract's shapes (shared/api/spaces.ts). Pure.
import type { Checkin, Space } from '../../shared/api/spaces';
import { isOpenAt } from './hours';
import type { HistoryRecord, OpenCheckinRecord, SpaceRecord } from './model';

/**
 * The space as a reader sees it at `now`: the counter minus `overdue`, the open check-ins already past their
 * automatic check-out (they hold no place any more, even before the scheduled job closes them).
 */
export function toSpace(space: SpaceRecord, overdue: number, now: number): Space {
  return {
    id: space.id,
    name: space.name,
    address: space.address,
    capacity: space.capacity,
    occupancy: Math.max(0, space.occupancy - overdue),
    amenities: space.amenities,
    opensAt: space.opensAt,
    closesAt: space.closesAt,
    openNow: isOpenAt(space, now),
    createdAt: space.createdAt,
    updatedAt: space.updatedAt,
  };
}

/** A check-in still open. */
export function toOpenCheckin(open: OpenCheckinRecord): Checkin {
  return {
    id: open.checkinId,
    spaceId: open.spaceId,
    status: 'in',
    checkedInAt: open.checkedInAt,
    autoCheckoutAt: open.autoOutAt,
  };
}

/** A visit from its history item (open or closed), with the space's name. */
export function toCheckin(history: HistoryRecord): Checkin {
  return {
    id: history.id,
    spaceId: history.spaceId,
    spaceName: history.spaceName,
    status: history.status,
    checkedInAt: history.checkedInAt,
    autoCheckoutAt: history.autoOutAt,
    ...(history.checkedOutAt ? { checkedOutAt: history.checkedOutAt } : {}),
    ...(history.closedBy ? { closedBy: history.closedBy } : {}),
  };
}
