// The staff dashboard: headline rows from the dimension list, attendance rates, chart series, "who is active".
// A load is one Query per day of the range plus one ranking Query, one BatchGet of ten names and one GetItem of the
// service menu (the categories' names) — never a Scan.
import type { AttendanceRow, DashboardReply, HeadlineRow } from '../../shared/api/admin';
import { EVENT_KIND_LABELS } from '../../shared/api/events';
import { menuService } from '../services/menuService';
import { topParticipants } from '../lib/activityMetrics';
import { HOURS_TO_DONE } from '../lib/dashboardCounters';
import { batchGet } from '../lib/dynamo';
import { DURATION_BOUNDS_HOURS, medianBounds } from '../lib/exactCounters';
import { userKey } from '../lib/principal';
import { addDays } from '../lib/time';
import { CHART_LABELS, DIMENSIONS, SERVICE_CATEGORIES_GROUP, type Dimension } from './dimensions';
import {
  counterTotals,
  histogramInRange,
  readRange,
  resolveRange,
  summaryOf,
  type RangeAggregates,
} from './rangeAggregates';

export const RANKING_SIZE = 10;
type Totals = Record<string, Record<string, number>>;

function headlineRow(dimension: Dimension, counted: Record<string, number> | undefined): HeadlineRow | null {
  if (dimension.optional && !counted) return null;
  const listed = Object.entries(dimension.keys);
  const unlisted = Object.entries(counted ?? {}).filter(([key]) => !(key in dimension.keys));
  const parts =
    listed.length > 0
      ? listed.map(([key, label]) => ({ key, label, value: counted?.[key] ?? 0 }))
      : Object.entries(counted ?? {}).map(([key, value]) => ({ key, label: key, value }));
  if (listed.length > 0 && dimension.countedKeysToo)
    parts.push(
      ...unlisted.filter(([, value]) => value !== 0).map(([key, value]) => ({ key, label: key, value })),
    );
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
const mondayOf = (date: string) => addDays(date, -weekday(date));

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

/** The service menu's categories, by id, as the labels of the "by category" row. */
async function categoryLabels(): Promise<Record<string, string>> {
  const menu = await menuService.get();
  return Object.fromEntries(menu.categories.map((c) => [c.id, c.name]));
}

function serviceRequestFigures(range: RangeAggregates, totals: Totals): DashboardReply['serviceRequests'] {
  const median = medianBounds(histogramInRange(range, HOURS_TO_DONE));
  return {
    done: totals.service_requests?.done ?? 0,
    medianHoursToDone: median && { lowerHours: median.lowerHours, upperHours: median.upperHours },
    bucketBoundsHours: [...DURATION_BOUNDS_HOURS],
  };
}

/** The median as a headline row (so the page and the CSV show it as they are): "at least … / under … hours". */
function medianRow(figures: DashboardReply['serviceRequests']): HeadlineRow | null {
  const median = figures.medianHoursToDone;
  if (!median) return null;
  return {
    id: 'service_hours_to_done',
    label: '服务办结用时中位数（按档）',
    unit: '小时',
    total: null,
    parts: [
      { key: 'lower', label: '不少于', value: median.lowerHours },
      ...(median.upperHours === null ? [] : [{ key: 'upper', label: '少于', value: median.upperHours }]),
    ],
  };
}

export const dashboardService = {
  async load(query: { from?: string; to?: string }): Promise<DashboardReply> {
    const resolved = resolveRange(query);
    const [range, ranked, categories] = await Promise.all([
      readRange(resolved),
      ranking(resolved.to.slice(0, 7)),
      categoryLabels(),
    ]);
    const totals = counterTotals(range);
    const dimensions = DIMENSIONS.map((d) =>
      d.group === SERVICE_CATEGORIES_GROUP ? { ...d, keys: categories } : d,
    );
    const services = serviceRequestFigures(range, totals);
    return {
      from: range.from,
      to: range.to,
      headline: [...dimensions.map((d) => headlineRow(d, totals[d.group])), medianRow(services)].filter(
        (r): r is HeadlineRow => !!r,
      ),
      summary: summaryOf(range),
      attendance: attendanceRows(totals),
      charts: charts(range, totals),
      ranking: ranked,
      labels: CHART_LABELS,
      serviceRequests: services,
    };
  },
};
