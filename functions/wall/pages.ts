// Cursor handling for the wall's lists: a cursor only ever resumes the list it came from.
import type { Page } from '../../shared/api/common';
import type { Message } from '../../shared/api/wall';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { ValidationError } from '../lib/errors';
import { likeStore } from './likeStore';
import type { MessageRecord } from './model';
import type { PageResult } from './store';
import { toMessage, type Viewer } from './view';

/** Decodes `cursor` and checks it belongs to this index partition (else a 422, never a store error). */
export function startKeyFor(
  cursor: string | undefined,
  partitionAttribute: string,
  partition: string,
): Record<string, unknown> | undefined {
  const key = decodeCursor(cursor);
  if (key && key[partitionAttribute] !== partition)
    throw new ValidationError({ cursor: '分页游标不属于此列表' });
  return key;
}

export async function toPage(
  result: PageResult<MessageRecord>,
  viewer: Viewer | null,
): Promise<Page<Message>> {
  const liked = viewer
    ? await likeStore.likedAmong(
        result.items.map((m) => m.id),
        viewer.id,
      )
    : new Set<string>();
  return {
    items: result.items.map((m) => toMessage(m, viewer, liked.has(m.id))),
    nextCursor: encodeCursor(result.lastKey),
  };
}
