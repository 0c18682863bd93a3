// District weeks (UTC+8) for the duty desk: Monday-based, as YYYY-MM-DD, and the instants that bound them.
import { districtDay, districtInstant } from '../../lib/districtTime';

const DAY_MS = 86400_000;

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the district week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export const today = () => districtDay(Date.now());

/** `from`/`to` of the API for the district days [first, first + days). */
export const rangeOf = (first: string, days: number) => ({
  from: districtInstant(first, '00:00'),
  to: districtInstant(addDays(first, days), '00:00'),
});

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export const weekdayOf = (iso: string) => WEEKDAYS[new Date(Date.parse(iso) + 8 * 3600_000).getUTCDay()];
