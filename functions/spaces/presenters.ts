// Records → the contract's reply shapes.
import type { Checkin, Space } from '../../shared/api/spaces';
import { checkinStore } from './checkinStore';
import { isOpenAt } from './hours';
import type { HistoryRecord, OpenCheckinRecord, SpaceRecord } from './keys';

/**
 * The occupancy a reader sees: the counter minus the open check-ins already past their automatic check-out
 * (they hold no place any more, even before the scheduled job closes them).
 */
export async function presentSpace(space: SpaceRecord, now: number): Promise<Space> {
  const overdue =
    space.occupancy > 0 ? await checkinStore.countOverdue(space.id, new Date(now).toISOString()) : 0;
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

export function presentOpen(open: OpenCheckinRecord): Checkin {
  return {
    id: open.checkinId,
    spaceId: open.spaceId,
    status: 'in',
    checkedInAt: open.checkedInAt,
    autoCheckoutAt: open.autoOutAt,
  };
}

export function presentHistory(history: HistoryRecord): Checkin {
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
