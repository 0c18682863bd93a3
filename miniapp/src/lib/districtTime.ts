// Dates and times as people in the district read them (UTC+8), whatever the phone's time zone. Every date or time
// the app shows, and every date or time a form turns back into an instant, goes through here.
import { DISTRICT_UTC_OFFSET } from '@shared/api/common';

const OFFSET_MS = 8 * 3600 * 1000; // DISTRICT_UTC_OFFSET in milliseconds
const DAY_S = 86400;
const pad = (n: number) => String(n).padStart(2, '0');

/** The instant moved by the district offset, so that its UTC fields read as the district's wall clock. */
function wallClock(at: number | string): Date {
  return new Date((typeof at === 'number' ? at : Date.parse(at)) + OFFSET_MS);
}

/** 09:05 */
export function formatClock(iso: string): string {
  const d = wallClock(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 12月1日 */
export function formatMonthDay(iso: string): string {
  const d = wallClock(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 12月1日 09:05 */
export function formatDateTime(iso: string): string {
  return `${formatMonthDay(iso)} ${formatClock(iso)}`;
}

/** 2026年12月1日 09:05 (offers and codes, whose windows may cross a new year). */
export function formatFullDateTime(iso: string): string {
  return `${wallClock(iso).getUTCFullYear()}年${formatDateTime(iso)}`;
}

/** 12月1日 09:00–12:00 on one day; 12月1日 09:00 – 12月2日 12:00 across days. */
export function formatRange(startIso: string, endIso: string): string {
  return districtDay(startIso) === districtDay(endIso)
    ? `${formatDateTime(startIso)}–${formatClock(endIso)}`
    : `${formatDateTime(startIso)} – ${formatDateTime(endIso)}`;
}

/** 刚刚 / 5分钟前 / 3小时前 / 昨天 / 4天前 / 11月2日 / 2025年11月2日. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)}分钟前`;
  if (seconds < DAY_S) return `${Math.floor(seconds / 3600)}小时前`;
  const days = Math.floor(seconds / DAY_S);
  if (days === 1) return '昨天';
  if (days < 7) return `${days}天前`;
  const year = wallClock(at).getUTCFullYear();
  return year === wallClock(now).getUTCFullYear() ? formatMonthDay(iso) : `${year}年${formatMonthDay(iso)}`;
}

/** YYYY-MM-DD of an instant in district time (date pickers). */
export function districtDay(at: number | string): string {
  return wallClock(at).toISOString().slice(0, 10);
}

/** A district date (YYYY-MM-DD) and wall-clock time (HH:MM) → the ISO instant, with the district offset. */
export function districtInstant(day: string, hhmm: string): string {
  return `${day}T${hhmm}:00${DISTRICT_UTC_OFFSET}`;
}

/** An instant as the text of a date-and-time field: YYYY-MM-DD HH:MM in district time; '' for none. */
export function toDistrictInput(iso: string | null | undefined): string {
  if (!iso) return '';
  return wallClock(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/** The text of a date-and-time field (YYYY-MM-DD HH:MM, district time) → the ISO instant, or null when malformed. */
export function fromDistrictInput(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  return m ? districtInstant(m[1], m[2]) : null;
}
