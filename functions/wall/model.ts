// The message wall's items and keys.
//   message  pk MSG#<id> / sk META
//     byOwner  USER#<authorId> / MSG#<createdAt>#<id>      always: the author's own list
//     byFeed   WALL / <createdAt>#<id>                      only while published: the wall, newest first
//              WALL#REJECTED / <createdAt>#<id>             only while rejected or hidden: staff's list
//     byQueue  MODERATION#WALL / <createdAt>#<id>           only while pending: the moderation queue, oldest first
//              WALL#LIKE_INTENTS / <id>                      only while published with like operations in flight
//   like     pk MSG#<id> / sk LIKE#<userId>   one per user who ever liked the message; `liked` says if they do now
//   setting  pk SETTINGS#wall / sk SETTINGS
import type { MessageStatus, ModerationMode, ModerationRecord } from '../../shared/api/wall';
import type { ContentVerdict } from './content';

export const FEED_PUBLISHED = 'WALL';
export const FEED_REJECTED = 'WALL#REJECTED';
export const QUEUE_PENDING = 'MODERATION#WALL';
export const QUEUE_LIKE_INTENTS = 'WALL#LIKE_INTENTS';

/** An intent older than this belongs to a dead invocation (the function timeout is 10 s). */
export const LIKE_INTENT_LEASE_MS = 30_000;

/** A like or unlike in flight for one user, recorded on the message item (see likeService.ts). */
export interface LikeIntent {
  op: 'like' | 'unlike';
  id: string;
  /** Epoch ms when the intent was taken; an intent older than the lease belongs to a dead invocation. */
  at: number;
  /**
   * The `opId` the like item carried when the intent was taken (null: none yet). Its write is conditioned on it, so a
   * late finisher of an intent already settled (and followed by the user's next operation) changes nothing.
   * Absent on intents written before it existed.
   */
  prev?: string | null;
}

export interface MessageRecord {
  id: string;
  text: string;
  anonymous: boolean;
  authorId: string;
  authorNickname: string;
  status: MessageStatus;
  likes: number;
  /** Bumped on every change of `likes`, so a recount can tell whether the counter moved under it. */
  likesVersion: number;
  likeIntents: Record<string, LikeIntent>;
  check: Omit<ContentVerdict, 'suggest'> & { suggest: 'pass' | 'review' };
  moderation: ModerationRecord | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  /** First time it went on the wall (counted once in the daily metrics). */
  publishedAt: string | null;
}

/** One user's like of one message. */
export interface LikeRecord {
  userId: string;
  liked: boolean;
  /** The intent id of the operation that last changed this item. */
  opId: string | null;
}

export interface WallSettingRecord {
  moderation: ModerationMode;
  updatedAt: string;
  updatedBy: string;
}

export const messageKey = (id: string) => ({ pk: `MSG#${id}`, sk: 'META' });
export const likeKey = (messageId: string, userId: string) => ({
  pk: `MSG#${messageId}`,
  sk: `LIKE#${userId}`,
});
export const settingKey = () => ({ pk: 'SETTINGS#wall', sk: 'SETTINGS' });
export const orderKey = (m: { createdAt: string; id: string }) => `${m.createdAt}#${m.id}`;

export function ownerIndex(m: { authorId: string; createdAt: string; id: string }) {
  return { ownerPk: `USER#${m.authorId}`, ownerSk: `MSG#${orderKey(m)}` };
}

/** The sparse index keys that place a message in the list of its status. */
function statusIndex(m: MessageRecord): Record<string, string> {
  const order = orderKey(m);
  if (m.status === 'published') return { feedPk: FEED_PUBLISHED, feedSk: order };
  if (m.status === 'rejected') return { feedPk: FEED_REJECTED, feedSk: order };
  return { queuePk: QUEUE_PENDING, queueSk: order };
}

/** The stored item of a new message. */
export function toMessageItem(m: MessageRecord): Record<string, unknown> {
  return { ...messageKey(m.id), type: 'wall_message', ...m, ...ownerIndex(m), ...statusIndex(m) };
}

export function fromMessageItem(item: Record<string, unknown>): MessageRecord {
  return {
    id: item.id as string,
    text: item.text as string,
    anonymous: item.anonymous === true,
    // No author id once the author's account was closed (messageStore.eraseAuthor).
    authorId: (item.authorId as string | undefined) ?? '',
    authorNickname: item.authorNickname as string,
    status: item.status as MessageStatus,
    likes: (item.likes as number | undefined) ?? 0,
    likesVersion: (item.likesVersion as number | undefined) ?? 0,
    likeIntents: (item.likeIntents as Record<string, LikeIntent> | undefined) ?? {},
    check: item.check as MessageRecord['check'],
    moderation: (item.moderation as ModerationRecord | undefined) ?? null,
    reason: (item.reason as string | undefined) ?? null,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    publishedAt: (item.publishedAt as string | undefined) ?? null,
  };
}

export function fromLikeItem(userId: string, item: Record<string, unknown>): LikeRecord {
  return { userId, liked: item.liked === true, opId: (item.opId as string | undefined) ?? null };
}

export function fromSettingItem(item: Record<string, unknown>): WallSettingRecord {
  return {
    moderation: item.moderation as ModerationMode,
    updatedAt: item.updatedAt as string,
    updatedBy: item.updatedBy as string,
  };
}

/** The message id of a message or like item's partition key (`MSG#<id>`). */
export const messageIdOfPk = (pk: string) => pk.slice('MSG#'.length);
