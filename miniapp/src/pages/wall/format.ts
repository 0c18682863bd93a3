// Small display helpers of the wall, shared by the tab page and the wall's subpackage pages.
import type { Message } from '@shared/api/wall';

/** 刚刚 / 5分钟前 / 3小时前 / 昨天 / 4天前 / 11月2日 / 2025年11月2日 (district time, UTC+8). */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)}分钟前`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}小时前`;
  const days = Math.floor(seconds / 86400);
  if (days === 1) return '昨天';
  if (days < 7) return `${days}天前`;
  const local = new Date(at + 8 * 3600 * 1000);
  const nowLocal = new Date(now + 8 * 3600 * 1000);
  const monthDay = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
  return local.getUTCFullYear() === nowLocal.getUTCFullYear()
    ? monthDay
    : `${local.getUTCFullYear()}年${monthDay}`;
}

/** The signature under a card: the nickname, or 匿名 (staff also see who wrote an anonymous message). */
export function signature(message: Message): string {
  if (!message.author) return '匿名';
  return message.anonymous ? `${message.author.nickname}（匿名）` : message.author.nickname;
}
