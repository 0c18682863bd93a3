// District time helpers: the district keeps China Standard Time (UTC+8, no daylight saving).
const OFFSET_MS = 8 * 3600 * 1000;

/** YYYY-MM-DD of an instant in district time. */
export function districtDate(at: Date | number = Date.now()): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since district midnight of an instant. */
export function districtMinutes(at: Date | number = Date.now()): number {
  const d = new Date(new Date(at).getTime() + OFFSET_MS);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** "12月1日 14:02": an instant as people in the district read it (for messages). */
export function districtMoment(at: Date | number | string): string {
  const local = new Date(new Date(at).getTime() + OFFSET_MS).toISOString();
  return `${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11, 16)}`;
}

/** The instant at which district-local date + HH:MM occurs. */
export function districtInstant(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`);
}

/** The calendar date `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

/** How many days from `from` to `to` inclusive (0 when `to` is earlier), without listing them: check a requested
 * range's length with this before daysBetween, so a range of millennia costs nothing. */
export function daySpan(from: string, to: string): number {
  return Math.max(
    0,
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000) + 1,
  );
}

/** Each YYYY-MM-DD from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function epochSeconds(at: number = Date.now()): number {
  return Math.floor(at / 1000);
}
