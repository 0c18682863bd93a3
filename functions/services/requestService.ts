// Service requests: asked by a signed-in user for one item of the menu, moved along the flow of requestFlow.ts by
// staff (or withdrawn by the requester), each move a write conditional on the status it was read in, so of two
// staff acting at once one wins and the other gets 409. Every move is kept in the history with who and when. A
// move the store applied although its reply was lost (its resent copy is refused by it) is this request's all the
// same: `movedBy` tells it from someone else's by the history's last entry (tests/integration/services-lost-replies).
import {
  REQUEST_STATUS_LABELS,
  type CreateRequestInput,
  type RequestStatus,
  type StaffTransition,
} from '../../shared/api/services';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId, stableId } from '../lib/ids';
import { countServiceRequestFigures } from '../lib/dashboardCounters';
import { nowIso } from '../lib/time';
import { menuService } from './menuService';
import type { ServiceRequestRecord, StoredHistoryEntry } from './model';
import { canMove } from './requestFlow';
import { requestStore } from './requestStore';
import { statusMessageService } from './statusMessageService';

/** With an Idempotency-Key the request's id comes from (user, key): a retry after a crash finds the same request. */
export const requestIdFor = (userId: string, key: string | undefined) =>
  key ? stableId('sr', `service-request|${userId}|${key}`) : `sr${newId().toLowerCase()}`;

/** The statuses named as the requester and staff read them (REQUEST_STATUS_LABELS), never by their codes. */
const label = (status: RequestStatus) => REQUEST_STATUS_LABELS[status];
const invalid = (from: RequestStatus, to: RequestStatus) =>
  new ConflictError(
    'INVALID_TRANSITION',
    `当前状态不能${to === 'withdrawn' ? '撤回' : '变更'}（${label(from)} → ${label(to)}）`,
  );

/**
 * After a refused move: the request when the move there is this very one (the store applied it but its reply was
 * lost; the resent copy was refused by the original), told by its history's last entry (status, time, who); else null.
 */
async function movedBy(id: string, entry: StoredHistoryEntry): Promise<ServiceRequestRecord | null> {
  const current = await requestStore.get(id);
  const last = current?.history[current.history.length - 1];
  const ours =
    current?.status === entry.status &&
    last?.status === entry.status &&
    last.at === entry.at &&
    last.userId === entry.userId;
  return ours ? current : null;
}

async function moveOnce(
  id: string,
  to: RequestStatus,
  by: { userId: string; role: 'requester' | 'staff' },
  note?: string,
): Promise<ServiceRequestRecord> {
  const current = await requestStore.get(id);
  if (!current || (by.role === 'requester' && current.userId !== by.userId))
    throw new NotFoundError('申请不存在');
  if (!canMove(current.status, to)) {
    // A retry of a move that was made but not yet counted (a crash in between): complete its figures, once.
    if (current.status === to) await countServiceRequestFigures(current);
    // ... and its one message to the requester (same id: queued once however often the move is retried).
    if (current.status === to && by.role === 'staff') await statusMessageService.queue(current, to);
    throw invalid(current.status, to);
  }
  const entry: StoredHistoryEntry = {
    status: to,
    at: nowIso(),
    userId: by.userId,
    by: by.role,
    ...(note ? { note } : {}),
  };
  const moved =
    (await requestStore.move(id, current.status, entry, by.role === 'requester' ? by.userId : undefined)) ??
    (await movedBy(id, entry));
  // Someone else moved it since it was read: this move was decided on a status that is gone.
  if (!moved) throw invalid(current.status, to);
  failpoint('services.request.afterMoved');
  await countServiceRequestFigures(moved);
  if (by.role === 'staff') await statusMessageService.queue(moved, to);
  return moved;
}

export const requestService = {
  async create(userId: string, input: CreateRequestInput, key?: string): Promise<ServiceRequestRecord> {
    const found = await menuService.findItem(input.itemId);
    if (!found) throw new ValidationError({ itemId: '服务项目不存在' });
    const id = requestIdFor(userId, key);
    const at = nowIso();
    const record: ServiceRequestRecord = {
      id,
      userId,
      itemId: found.item.id,
      itemName: found.item.name,
      categoryId: found.categoryId,
      description: input.description,
      contact: input.contact ?? null,
      status: 'submitted',
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'submitted', at, userId, by: 'requester' }],
    };
    if (await requestStore.create(record)) {
      failpoint('services.request.afterCreated');
      await countServiceRequestFigures(record);
      return record;
    }
    // The same key again (a retry after a lost reply or a crash): the request it created.
    const existing = await requestStore.get(id);
    if (!existing || existing.userId !== userId)
      throw new ConflictError('IDEMPOTENCY_CONFLICT', '请求编号冲突');
    await countServiceRequestFigures(existing); // the first try may have died before counting
    return existing;
  },

  async listMine(userId: string, limit: number, cursor?: string) {
    return requestStore.listForUser(userId, limit, cursor);
  },

  async listForStaff(
    filter: { status?: RequestStatus; categoryId?: string },
    limit: number,
    cursor?: string,
  ) {
    return requestStore.listForStaff(filter, limit, cursor);
  },

  async get(id: string): Promise<ServiceRequestRecord> {
    const found = await requestStore.get(id);
    if (!found) throw new NotFoundError('申请不存在');
    return found;
  },

  transition(id: string, to: StaffTransition, staffId: string, note?: string) {
    return moveOnce(id, to, { userId: staffId, role: 'staff' }, note);
  },

  withdraw(id: string, userId: string) {
    return moveOnce(id, 'withdrawn', { userId, role: 'requester' });
  },
};
