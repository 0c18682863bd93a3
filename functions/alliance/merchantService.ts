// Merchant onboarding: apply, staff decision (approval grants the merchant role), and the "approved merchant" gate.
import type { Merchant, MerchantStatus } from '../../shared/api/alliance';
import type { Page } from '../lib/dynamo';
import { ConflictError, ForbiddenError, NotFoundError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import { stableId } from '../lib/ids';
import { notify } from '../lib/inbox';
import { notices } from '../lib/inboxNotices';
import { hasRole, type CurrentUser } from '../lib/principal';
import { nowIso } from '../lib/time';
import { userService } from '../users/userService';
import { merchantStore } from './merchantStore';
import type { MerchantRecord } from './model';
import { toMerchant } from './views';

export const merchantService = {
  /** One application per user: the id is derived from the user id. */
  idForUser(userId: string): string {
    return stableId('m', `merchant:${userId}`);
  },

  /**
   * With an Idempotency-Key (`key`) the attempt id comes from (user, key): a retry after any failure finds the
   * application it made and gets it back (201), where another application is refused with 409.
   */
  async apply(
    userId: string,
    input: { name: string; category: string; address: string; contact: string },
    key?: string,
  ): Promise<MerchantRecord> {
    const record: MerchantRecord = {
      attempt: creationId('merchant-apply', userId, key),
      id: this.idForUser(userId),
      userId,
      ...input,
      status: 'pending',
      reason: null,
      createdAt: nowIso(),
      decidedAt: null,
      decidedBy: null,
    };
    if (!(await merchantStore.putApplication(record))) {
      const existing = await merchantStore.get(record.id);
      if (existing && key !== undefined && existing.attempt === record.attempt) return existing;
      throw new ConflictError(
        'ALREADY_APPLIED',
        existing?.status === 'approved' ? '您的商户已入驻，无需重复申请' : '您已提交入驻申请，请等待审核',
      );
    }
    failpoint('alliance.apply.afterApplied');
    return record;
  },

  async mine(userId: string): Promise<MerchantRecord | null> {
    return merchantStore.get(this.idForUser(userId));
  },

  /**
   * Decides a pending application exactly once. Approval then grants the role; a crash in between leaves an
   * approved merchant without the role, which repeating the same decision (idempotent) or the reconciler repairs.
   * Nobody decides on their own application (403): the store's condition refuses it, so no read decides.
   */
  async decide(
    id: string,
    decision: 'approve' | 'reject',
    reason: string | null,
    staffUserId: string,
  ): Promise<MerchantRecord> {
    const status = decision === 'approve' ? 'approved' : 'rejected';
    let record = await merchantStore.decide(id, status, reason, staffUserId, nowIso());
    if (!record) {
      const existing = await merchantStore.get(id);
      if (!existing) throw new NotFoundError('商户申请不存在');
      if (existing.userId === staffUserId) throw new ForbiddenError('不能审核自己提交的商户入驻申请');
      if (existing.status !== status) throw new ConflictError('ALREADY_DECIDED', '该申请已审核过');
      record = existing;
    }
    failpoint('alliance.decision.afterDecided');
    if (record.status === 'approved') await this.grantRoleOnce(record, nowIso());
    await notify(notices.merchantDecided(record)); // 消息: after the decision; its repeat (idempotent) repairs
    return record;
  },

  /**
   * An approved merchant's role, granted once: the grant, then the mark on the record. A merchant marked already is
   * left alone (an admin may have revoked the role since: a repeated decision or the reconciler must not undo that).
   * A crash between the two leaves it unmarked, and the next call marks it (granting again changes nothing).
   */
  async grantRoleOnce(record: MerchantRecord, now: string): Promise<void> {
    if (record.roleGrantedAt) return;
    await userService.grantRole(record.userId, 'merchant');
    failpoint('alliance.decision.afterRoleGranted');
    await merchantStore.markRoleGranted(record.id, now);
  },

  /** The caller's merchant record, if approved and holding the merchant role; else 403. */
  async requireApproved(user: CurrentUser): Promise<MerchantRecord> {
    if (!hasRole(user, 'merchant')) throw new ForbiddenError('仅限已入驻商户操作');
    const record = await this.mine(user.id);
    if (!record || record.status !== 'approved') throw new ForbiddenError('您的商户入驻申请尚未通过审核');
    return record;
  },

  /** The staff queue of one status, oldest application first. */
  async list(status: MerchantStatus, limit: number, cursor?: string): Promise<Page<Merchant>> {
    const page = await merchantStore.listByStatus(status, limit, cursor);
    return { items: page.items.map(toMerchant), nextCursor: page.nextCursor };
  },
};
