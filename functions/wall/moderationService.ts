// Staff moderation: the queue and other staff lists, approve / reject (a reject of a published message hides it).
import type { Page, PageQuery } from '../../shared/api/common';
import type { Decision, Message, MessageStatus, ModerationRecord } from '../../shared/api/wall';
import { ForbiddenError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { notify } from '../lib/inbox';
import { notices } from '../lib/inboxNotices';
import { countDaily } from '../lib/metrics';
import type { CurrentUser } from '../lib/principal';
import { likeService } from './likeService';
import { messageStore } from './messageStore';
import type { MessageRecord } from './model';
import { toMessage, viewerOf } from './views';

const DEFAULT_REJECT_REASON = '内容不符合寄语墙规范';
const DEFAULT_HIDE_REASON = '已被管理员隐藏';

/** 消息: the author hears of a reject or a hide, once it is stored (same notice id for a repeat of the decision). */
const tellAuthor = (m: MessageRecord) =>
  m.status === 'rejected' && m.moderation
    ? notify(
        notices.messageRejected({
          userId: m.authorId,
          messageId: m.id,
          hidden: m.moderation.action === 'hidden',
          reason: m.reason ?? DEFAULT_REJECT_REASON,
          decidedAt: m.moderation.at,
        }),
      )
    : Promise.resolve(false);

export const moderationService = {
  /** pending: the queue, oldest first (first come, first reviewed); published / rejected: newest first. */
  async list(staff: CurrentUser, status: MessageStatus, page: PageQuery): Promise<Page<Message>> {
    return likeService.pageSeenBy(viewerOf(staff), await messageStore.listByStatus(status, page));
  },

  /**
   * approve: pending or rejected → published. reject: pending → rejected, or published → rejected (hidden).
   * Repeating a decision that already holds returns the message unchanged.
   */
  async decide(staff: CurrentUser, id: string, decision: Decision, reason?: string): Promise<Message> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const message = await messageStore.get(id);
      if (!message) throw new NotFoundError('寄语不存在');
      // Nobody decides on what they submitted (authorId never changes, so this read cannot go stale).
      if (message.authorId === staff.id) throw new ForbiddenError('不能审核自己发布的寄语');
      const target = decision === 'approve' ? 'published' : 'rejected';
      if (message.status === target) {
        await tellAuthor(message); // 消息: a repeated reject completes one that died before telling the author
        return toMessage(message, viewerOf(staff), await likeService.likedBy(id, staff.id));
      }
      const action: ModerationRecord['action'] =
        decision === 'approve' ? 'approved' : message.status === 'published' ? 'hidden' : 'rejected';
      const finalReason =
        decision === 'approve'
          ? null
          : (reason ?? (action === 'hidden' ? DEFAULT_HIDE_REASON : DEFAULT_REJECT_REASON));
      const now = new Date().toISOString();
      const updated = await messageStore.transition(message, {
        from: message.status,
        to: target,
        moderation: { action, reason: finalReason, by: staff.nickname, at: now },
        reason: finalReason,
        now,
      });
      if (!updated) continue; // someone else decided meanwhile: look again
      failpoint('wall.decide.afterTransition');
      await tellAuthor(updated);
      if (action === 'approved' && message.publishedAt === null) await countDaily('messages.published');
      if (action === 'rejected') await countDaily('messages.rejected');
      if (action === 'hidden') await countDaily('messages.hidden');
      return toMessage(updated, viewerOf(staff), await likeService.likedBy(id, staff.id));
    }
    throw new UnavailableError(new Error('decision kept conflicting'));
  },
};
