// 我的到访记录: visits grouped by district day (newest first), each with its times and how long it lasted.
import type { Checkin } from '@shared/api/spaces';
import { districtDay, formatClock, formatMonthDay } from '../../../../lib/districtTime';

export interface VisitRow {
  id: string;
  spaceName: string;
  /** 09:05–11:40, or 09:05 起 while still in. */
  times: string;
  /** 2小时35分 / 在馆中. */
  length: string;
  /** 闭馆自动签退 for a visit closed at closing time, else ''. */
  note: string;
  inside: boolean;
}

export interface VisitDay {
  day: string;
  /** 12月1日 (今天 / 昨天 when they are). */
  title: string;
  rows: VisitRow[];
}

function lengthOf(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60000));
  if (minutes < 1) return '不足1分钟';
  if (minutes < 60) return `${minutes}分钟`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)}小时${rest}分` : `${minutes / 60}小时`;
}

export function visitDays(checkins: readonly Checkin[], now: number = Date.now()): VisitDay[] {
  const today = districtDay(now);
  const yesterday = districtDay(now - 86400000);
  const days: VisitDay[] = [];
  for (const c of checkins) {
    const day = districtDay(c.checkedInAt);
    let group = days[days.length - 1];
    if (!group || group.day !== day) {
      const label = day === today ? '今天' : day === yesterday ? '昨天' : '';
      group = {
        day,
        title: label ? `${label} · ${formatMonthDay(c.checkedInAt)}` : formatMonthDay(c.checkedInAt),
        rows: [],
      };
      days.push(group);
    }
    const inside = c.status === 'in';
    const endIso = c.checkedOutAt ?? c.autoCheckoutAt;
    group.rows.push({
      id: c.id,
      spaceName: c.spaceName ?? '共享空间',
      times: inside
        ? `${formatClock(c.checkedInAt)} 起`
        : `${formatClock(c.checkedInAt)}–${formatClock(endIso)}`,
      length: inside ? '在馆中' : lengthOf(c.checkedInAt, endIso),
      note: !inside && c.closedBy === 'auto' ? '闭馆自动签退' : '',
      inside,
    });
  }
  return days;
}
