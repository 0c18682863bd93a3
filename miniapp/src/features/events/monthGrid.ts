// The month view's grid: weeks from Monday, district dates, and which days have events.

export interface GridDay {
  /** YYYY-MM-DD; '' for the padding before the 1st and after the last day. */
  day: string;
  date: number;
}

/** YYYY-MM moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

/** 2026年12月 */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** The month's weeks, Monday first, padded to whole weeks. */
export function monthWeeks(month: string): GridDay[][] {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: GridDay[] = Array.from({ length: lead }, () => ({ day: '', date: 0 }));
  for (let d = 1; d <= days; d++) cells.push({ day: `${month}-${String(d).padStart(2, '0')}`, date: d });
  while (cells.length % 7) cells.push({ day: '', date: 0 });
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}
