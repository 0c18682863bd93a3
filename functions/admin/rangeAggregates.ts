// The daily aggregates of a range of district days: one Query per day (functions/lib/metrics.ts readDay), whatever
// the number of records behind them, and the sums the stats and the dashboard need.
import type { StatsSummary } from '../../shared/api/admin';
import { MAX_RANGE_DAYS, type RangePreset } from '../../shared/api/admin';
import { ValidationError } from '../lib/errors';
import { distinctOver } from '../lib/distinctMetrics';
import { readDay, type DayAggregates } from '../lib/metrics';
import { addDays, daysBetween, districtDate } from '../lib/time';
import { IDENTITY_KEYS } from './dimensions';

export interface RangeAggregates {
  from: string;
  to: string;
  days: { date: string; aggregates: DayAggregates }[];
}

const DAY_MS = 86400000;
const lastOfMonth = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

/** The district days of a preset, relative to today in district time. */
export function presetRange(preset: RangePreset, now = Date.now()): { from: string; to: string } {
  const today = districtDate(now);
  if (preset === 'this_week') {
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    return { from: monday, to: addDays(monday, 6) };
  }
  const month =
    preset === 'this_month' ? today.slice(0, 7) : addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  return { from: `${month}-01`, to: lastOfMonth(month) };
}

/** Checks the range (default: the last 30 days) before anything is read. */
export function resolveRange(range: { from?: string; to?: string }): { from: string; to: string } {
  const to = range.to ?? districtDate();
  const from = range.from ?? addDays(to, -29);
  if (from > to) throw new ValidationError({ from: '开始日期不能晚于结束日期' });
  // Check the span before building the list of days, so a huge range costs nothing.
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_RANGE_DAYS) {
    throw new ValidationError({ from: `查询范围不能超过 ${MAX_RANGE_DAYS} 天` });
  }
  return { from, to };
}

export async function readRange(range: { from: string; to: string }): Promise<RangeAggregates> {
  const dates = daysBetween(range.from, range.to);
  const days = await Promise.all(dates.map(async (date) => ({ date, aggregates: await readDay(date) })));
  return { ...range, days };
}

/** `{group: {key: n}}` summed over the range. */
export function counterTotals(range: RangeAggregates): Record<string, Record<string, number>> {
  const totals: Record<string, Record<string, number>> = {};
  for (const { aggregates } of range.days) {
    for (const [metric, count] of Object.entries(aggregates.counters)) {
      const [group, key] = metric.split('.');
      totals[group] ??= {};
      totals[group][key] = (totals[group][key] ?? 0) + count;
    }
  }
  return totals;
}

/** A duration histogram (`{b<i>: n}`, functions/lib/exactCounters.ts) merged over the range. */
export function histogramInRange(range: RangeAggregates, name: string): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const { aggregates } of range.days) {
    for (const [bucket, n] of Object.entries(aggregates.histograms[name] ?? {}))
      merged[bucket] = (merged[bucket] ?? 0) + n;
  }
  return merged;
}

export function distinctInRange(range: RangeAggregates, dimension: string): number {
  const byDate = new Map(range.days.map((d) => [d.date, d.aggregates.distinct[dimension]]));
  return distinctOver(
    range.days.map((d) => d.date),
    (date) => byDate.get(date),
  );
}

export function summaryOf(range: RangeAggregates): StatsSummary {
  const children = Object.values(counterTotals(range).children ?? {}).reduce((sum, n) => sum + n, 0);
  const uniqueVisitorsByIdentity: Record<string, number> = {};
  for (const identity of Object.keys(IDENTITY_KEYS)) {
    const count = distinctInRange(range, `visitors_${identity}`);
    if (count > 0) uniqueVisitorsByIdentity[identity] = count;
  }
  return {
    participants: distinctInRange(range, 'participants'),
    children,
    uniqueVisitors: distinctInRange(range, 'visitors'),
    merchantsActive: distinctInRange(range, 'merchants'),
    uniqueVisitorsByIdentity,
  };
}
