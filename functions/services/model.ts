// Stored records of the service menu and of service requests, their keys and item ⇄ record mapping.
//   menu     SERVICES / MENU                 the whole menu in one item (19 items are a few KB)
//   request  SREQ#<id> / SREQ                byOwner USER#<uid> / SREQ#<createdAt>#<id> (my requests)
//                                             byQueue SREQS#<status> / <createdAt>#<id> (staff queue, oldest first)
//                                             byFeed  SREQS / <createdAt>#<id> (staff list of every status)
import type { RequestHistoryEntry, RequestStatus, ServiceMenu } from '../../shared/api/services';
import type { Item } from '../lib/dynamo';

export const MENU_KEY = { pk: 'SERVICES', sk: 'MENU' };

export interface MenuRecord extends ServiceMenu {
  updatedAt: string;
  updatedBy: string | null;
}

export interface StoredHistoryEntry extends RequestHistoryEntry {
  /** The user who made the move. */
  userId: string;
}

export interface ServiceRequestRecord {
  id: string;
  userId: string;
  itemId: string;
  itemName: string;
  categoryId: string;
  description: string;
  contact: string | null;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
  history: StoredHistoryEntry[];
}

export const requestKey = (id: string) => ({ pk: `SREQ#${id}`, sk: 'SREQ' });
export const userRequestsPk = (userId: string) => `USER#${userId}`;
export const USER_REQUESTS_PREFIX = 'SREQ#';
export const queuePkOf = (status: RequestStatus) => `SREQS#${status}`;
export const ALL_REQUESTS_FEED = 'SREQS';
const orderSk = (r: Pick<ServiceRequestRecord, 'createdAt' | 'id'>) => `${r.createdAt}#${r.id}`;

export function requestItem(r: ServiceRequestRecord): Item {
  return {
    ...requestKey(r.id),
    type: 'service_request',
    ...r,
    ownerPk: userRequestsPk(r.userId),
    ownerSk: `${USER_REQUESTS_PREFIX}${orderSk(r)}`,
    queuePk: queuePkOf(r.status),
    queueSk: orderSk(r),
    feedPk: ALL_REQUESTS_FEED,
    feedSk: orderSk(r),
  };
}

export function requestFromItem(item: Item): ServiceRequestRecord {
  return {
    id: item.id as string,
    userId: item.userId as string,
    itemId: item.itemId as string,
    itemName: item.itemName as string,
    categoryId: item.categoryId as string,
    description: item.description as string,
    contact: (item.contact as string | null) ?? null,
    status: item.status as RequestStatus,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    history: (item.history as StoredHistoryEntry[]) ?? [],
  };
}
