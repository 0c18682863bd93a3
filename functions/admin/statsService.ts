// Participation figures per district day: every daily metric the features count (functions/lib/metrics.ts),
// grouped by kind of participation, and (1.1) the distinct-people summary of the range.
import { counterTotals, readRange, resolveRange, summaryOf } from './rangeAggregates';

/** `signups.party_lesson` → `{ signups: { party_lesson: n } }`: one group per kind of participation. */
type Grouped = Record<string, Record<string, number>>;

function grouped(counters: Record<string, number>): Grouped {
  const out: Grouped = {};
  for (const [metric, count] of Object.entries(counters)) {
    const [group, key] = metric.split('.');
    out[group] ??= {};
    out[group][key] = (out[group][key] ?? 0) + count;
  }
  return out;
}

export const statsService = {
  /**
   * Sign-ups and attendance by event kind, check-ins by identity, messages, offers claimed and redeemed, per day
   * (default: the last 30 days). Reply: `{from, to, days: [{date, signups: {party_lesson: n}, ...}], totals}` with
   * `totals.summary` = distinct participants, children, unique visitors, merchants taking part.
   */
  async daily(query: { from?: string; to?: string }) {
    const range = await readRange(resolveRange(query));
    return {
      from: range.from,
      to: range.to,
      days: range.days.map(({ date, aggregates }) => ({ date, ...grouped(aggregates.counters) })),
      totals: { ...counterTotals(range), summary: summaryOf(range) },
    };
  },
};
