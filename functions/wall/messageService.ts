// The message wall's rules for users: post (rate limit, content check, moderation mode), read the wall and one's
// own messages, delete.
import type { Page, PageQuery } from '../../shared/api/common';
import type { Message, MessageStatus } from '../../shared/api/wall';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import { countDaily } from '../lib/metrics';
import type { CurrentUser } from '../lib/principal';
import { consumeRateLimit } from '../lib/rateLimit';
import { contentCheckerFromEnv } from './content';
import { likeService } from './likeService';
import { likeStore } from './likeStore';
import { messageStore } from './messageStore';
import type { MessageRecord } from './model';
import { settingsService } from './settingsService';
import { toMessage, viewerOf } from './views';

export const POSTS_PER_HOUR = 5;

export const messageService = {
  /**
   * With an Idempotency-Key (`key`) the message id comes from (user, key): a retry after any failure (a 503 after the
   * write, a crash) finds the message it created and gets it back, without a second rate-limit slot or message.
   */
  async post(user: CurrentUser, input: { text: string; anonymous: boolean }, key?: string): Promise<Message> {
    const id = creationId('wall-message', user.id, key);
    const earlier = key === undefined ? null : await this.ownCreated(user, id);
    if (earlier) return earlier;
    await consumeRateLimit({
      bucket: 'wall-post',
      subject: user.id,
      limit: POSTS_PER_HOUR,
      windowSeconds: 3600,
      message: `发布太频繁了，每小时最多发布 ${POSTS_PER_HOUR} 条寄语`,
    });
    const mode = await settingsService.moderationMode();
    const verdict = await contentCheckerFromEnv().check({ text: input.text, openid: user.openid });
    if (verdict.suggest === 'risky') {
      await countDaily('messages.blocked');
      throw new UnprocessableError('CONTENT_REJECTED', '寄语含有不适宜的内容，请修改后再发布');
    }
    // Only a clean verdict under post-moderation goes straight on the wall; anything else waits for staff.
    const status: MessageStatus = verdict.suggest === 'pass' && mode === 'post' ? 'published' : 'pending';
    const now = new Date().toISOString();
    const message: MessageRecord = {
      id,
      text: input.text,
      anonymous: input.anonymous,
      authorId: user.id,
      authorNickname: user.nickname,
      status,
      likes: 0,
      likesVersion: 0,
      likeIntents: {},
      check: { provider: verdict.provider, suggest: verdict.suggest, label: verdict.label },
      moderation: null,
      reason: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: status === 'published' ? now : null,
    };
    try {
      await messageStore.create(message);
    } catch (err) {
      // A twin of this request (same key) wrote it first: its message is ours.
      const twin = key === undefined ? null : await this.ownCreated(user, id);
      if (twin) return twin;
      throw err;
    }
    failpoint('wall.post.afterCreate');
    await countDaily('messages.created');
    if (status === 'published') await countDaily('messages.published');
    return toMessage(message, viewerOf(user), false);
  },

  /** The message `id` if this user created it (a retry of the request that did), else null. */
  async ownCreated(user: CurrentUser, id: string): Promise<Message | null> {
    const message = await messageStore.get(id);
    if (!message || message.authorId !== user.id) return null;
    return toMessage(message, viewerOf(user), await likeService.likedBy(id, user.id));
  },

  /** The wall: published messages, newest first. */
  async wall(viewer: CurrentUser | null, page: PageQuery): Promise<Page<Message>> {
    return likeService.pageSeenBy(viewerOf(viewer), await messageStore.listByStatus('published', page));
  },

  /** The caller's own messages in every status, newest first. */
  async mine(user: CurrentUser, page: PageQuery): Promise<Page<Message>> {
    return likeService.pageSeenBy(viewerOf(user), await messageStore.listByAuthor(user.id, page));
  },

  /** The author deletes their own message; staff delete any. Others get 403 on a published one, 404 otherwise. */
  async remove(user: CurrentUser, id: string): Promise<void> {
    const viewer = viewerOf(user)!;
    const deleted = await messageStore.delete(id, viewer.staff ? undefined : user.id);
    if (!deleted) {
      const existing = viewer.staff ? null : await messageStore.get(id);
      if (existing?.status === 'published') throw new ForbiddenError('只能删除自己发布的寄语');
      throw new NotFoundError('寄语不存在');
    }
    failpoint('wall.delete.afterMessage');
    // Like items of a deleted message are unreachable; removing them is housekeeping (a crash here leaves orphans).
    await likeStore.deleteAllOf(id);
    await countDaily('messages.deleted');
  },
};
