// Staff moderation: the queue and other staff lists, approve / reject (a reject of a published message hides it).
import type { Page } from '../../shared/api/common';
import type { Decision, Message, MessageStatus, ModerationRecord } from '../../shared/api/wall';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { countDaily } from '../lib/metrics';
import type { CurrentUser } from '../users/service';
import { likeStore } from './likeStore';
import { FEED_PUBLISHED, FEED_REJECTED, QUEUE_PENDING } from './model';
import { startKeyFor, toPage } from './pages';
import type { PageInput } from './service';
import { messageStore } from './store';
import { toMessage, viewerOf } from './view';

const DEFAULT_REJECT_REASON = '内容不符合寄语墙规范';
const DEFAULT_HIDE_REASON = '已被管理员隐藏';

const likedBy = async (user: CurrentUser, id: string) => (await likeStore.get(id, user.id))?.liked === true;

export const moderationService = {
  /** pending: the queue, oldest first (first come, first reviewed); published / rejected: newest first. */
  async list(staff: CurrentUser, status: MessageStatus, page: PageInput): Promise<Page<Message>> {
    const source =
      status === 'pending'
        ? ({ index: 'byQueue', attribute: 'queuePk', partition: QUEUE_PENDING, newestFirst: false } as const)
        : ({
            index: 'byFeed',
            attribute: 'feedPk',
            partition: status === 'published' ? FEED_PUBLISHED : FEED_REJECTED,
            newestFirst: true,
          } as const);
    const startKey = startKeyFor(page.cursor, source.attribute, source.partition);
    const result = await messageStore.queryIndex(
      source.index,
      source.partition,
      { limit: page.limit, startKey },
      {
        newestFirst: source.newestFirst,
      },
    );
    return toPage(result, viewerOf(staff));
  },

  /**
   * approve: pending or rejected → published. reject: pending → rejected, or published → rejected (hidden).
   * Repeating a decision that already holds returns the message unchanged.
   */
  async decide(staff: CurrentUser, id: string, decision: Decision, reason?: string): Promise<Message> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const message = await messageStore.get(id);
      if (!message) throw new NotFoundError('寄语不存在');
      const target = decision === 'approve' ? 'published' : 'rejected';
      if (message.status === target) return toMessage(message, viewerOf(staff), await likedBy(staff, id));
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
      if (action === 'approved' && message.publishedAt === null) await countDaily('messages.published');
      if (action === 'rejected') await countDaily('messages.rejected');
      if (action === 'hidden') await countDaily('messages.hidden');
      return toMessage(updated, viewerOf(staff), await likedBy(staff, id));
    }
    throw new UnavailableError(new Error('decision kept conflicting'));
  },
};
