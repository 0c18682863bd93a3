// The staff dashboard: headline rows from the dimension list, attendance rates, chart series, "who is active".
// A load is one Query per day of the range plus one ranking Query and one BatchGet of ten names — never a Scan.
import type { AttendanceRow, DashboardReply, HeadlineRow } from '../../shared/api/admin';
import { EVENT_KIND_LABELS } from '../../shared/api/events';
import { topParticipants } from '../lib/activityMetrics';
import { batchGet } from '../lib/dynamo';
import { userKey } from '../lib/principal';
import { CHART_LABELS, DIMENSIONS, type Dimension } from './dimensions';
import { counterTotals, readRange, resolveRange, summaryOf, type RangeAggregates } from './rangeAggregates';

export const RANKING_SIZE = 10;
type Totals = Record<string, Record<string, number>>;

function headlineRow(dimension: Dimension, counted: Record<string, number> | undefined): HeadlineRow | null {
  if (dimension.optional && !counted) return null;
  const listed = Object.entries(dimension.keys);
  const parts =
    listed.length > 0
      ? listed.map(([key, label]) => ({ key, label, value: counted?.[key] ?? 0 }))
      : Object.entries(counted ?? {}).map(([key, value]) => ({ key, label: key, value }));
  const total = dimension.noTotal ? null : parts.reduce((sum, p) => sum + p.value, 0);
  return { id: dimension.group, label: dimension.label, unit: dimension.unit, total, parts };
}

function attendanceRows(totals: Totals): AttendanceRow[] {
  return Object.entries(EVENT_KIND_LABELS).map(([kind, label]) => {
    const signups = totals.signups?.[kind] ?? 0;
    const attendance = totals.attendance?.[kind] ?? 0;
    const rate = signups > 0 ? Math.round((attendance / signups) * 1000) / 1000 : null;
    return { kind, label, signups, attendance, rate };
  });
}

const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
const mondayOf = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - weekday(date) * 86400000).toISOString().slice(0, 10);

function groupOf(counters: Record<string, number>, group: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [metric, count] of Object.entries(counters)) {
    const [g, key] = metric.split('.');
    if (g === group && count !== 0) out[key] = count;
  }
  return out;
}

function charts(range: RangeAggregates, totals: Totals): DashboardReply['charts'] {
  const weeks = new Map<string, Record<string, number>>();
  const occupancy = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const { date, aggregates } of range.days) {
    const week = weeks.get(mondayOf(date)) ?? {};
    for (const group of ['signups', 'attendance']) {
      for (const [kind, n] of Object.entries(groupOf(aggregates.counters, group)))
        week[kind] = (week[kind] ?? 0) + n;
    }
    weeks.set(mondayOf(date), week);
    (aggregates.hours.checkins ?? []).forEach((n, hour) => (occupancy[weekday(date)][hour] += n));
  }
  return {
    participationByWeek: [...weeks].map(([week, byKind]) => ({ week, byKind })),
    checkinsByDay: range.days.map(({ date, aggregates }) => ({
      date,
      byIdentity: groupOf(aggregates.counters, 'checkins'),
    })),
    redemptionsByAlliance: { industry: 0, cross_industry: 0, ...totals.redemptions },
    occupancy,
  };
}

async function ranking(month: string): Promise<DashboardReply['ranking']> {
  const top = await topParticipants(month, RANKING_SIZE);
  const profiles = await batchGet(
    top.map((t) => userKey(t.userId)),
    { projection: 'id, nickname' },
  );
  const names = new Map(profiles.map((p) => [p.id as string, (p.nickname as string) || '未设置昵称']));
  // Names only (PIPL): never the phone, never the id.
  return {
    month,
    items: top.map((t) => ({ name: names.get(t.userId) ?? '未设置昵称', participations: t.participations })),
  };
}

export const dashboardService = {
  async load(query: { from?: string; to?: string }): Promise<DashboardReply> {
    const resolved = resolveRange(query);
    const [range, ranked] = await Promise.all([readRange(resolved), ranking(resolved.to.slice(0, 7))]);
    const totals = counterTotals(range);
    return {
      from: range.from,
      to: range.to,
      headline: DIMENSIONS.map((d) => headlineRow(d, totals[d.group])).filter((r): r is HeadlineRow => !!r),
      summary: summaryOf(range),
      attendance: attendanceRows(totals),
      charts: charts(range, totals),
      ranking: ranked,
      labels: CHART_LABELS,
    };
  },
};
