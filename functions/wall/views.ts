// What each viewer may see of a message: anonymity hides the author from other users, never from the author or
// staff; reasons are for the author and staff; the check verdict and the decision record are for staff only.
import type { Page } from '../../shared/api/common';
import type { Message } from '../../shared/api/wall';
import { hasRole, type CurrentUser } from '../lib/principal';
import type { MessageRecord } from './model';

export interface Viewer {
  id: string;
  staff: boolean;
}

export function viewerOf(user: CurrentUser | null): Viewer | null {
  return user ? { id: user.id, staff: hasRole(user, 'staff', 'admin') } : null;
}

export function toMessage(m: MessageRecord, viewer: Viewer | null, likedByMe: boolean): Message {
  const mine = !!m.authorId && viewer?.id === m.authorId;
  const staff = viewer?.staff === true;
  // A closed account's messages have no author at all (author: null for everyone).
  const showAuthor = !!m.authorId && (!m.anonymous || mine || staff);
  return {
    id: m.id,
    text: m.text,
    author: showAuthor
      ? staff
        ? { nickname: m.authorNickname, userId: m.authorId }
        : { nickname: m.authorNickname }
      : null,
    status: m.status,
    likes: Math.max(0, m.likes),
    likedByMe,
    createdAt: m.createdAt,
    anonymous: m.anonymous,
    mine,
    reason: mine || staff ? m.reason : null,
    ...(staff
      ? {
          check: { provider: m.check.provider, suggest: m.check.suggest, label: m.check.label },
          moderation: m.moderation,
        }
      : {}),
  };
}

/** A page of messages as `viewer` sees them; `liked` holds the ids of those the viewer likes. */
export function toMessagePage(
  page: Page<MessageRecord>,
  viewer: Viewer | null,
  liked: ReadonlySet<string>,
): Page<Message> {
  return { items: page.items.map((m) => toMessage(m, viewer, liked.has(m.id))), nextCursor: page.nextCursor };
}
