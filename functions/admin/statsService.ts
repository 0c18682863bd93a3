// Participation figures per district day: every daily metric the features count (functions/lib/metrics.ts),
// grouped by kind of participation.
import { ValidationError } from '../lib/errors';
import { readDaily } from '../lib/metrics';
import { daysBetween, districtDate } from '../lib/time';

const MAX_DAYS = 92;

/** `signups.party_lesson` → `{ signups: { party_lesson: n } }`: one group per kind of participation. */
type Grouped = Record<string, Record<string, number>>;

function addTo(target: Grouped, metric: string, count: number): void {
  const [group, key] = metric.split('.');
  target[group] ??= {};
  target[group][key] = (target[group][key] ?? 0) + count;
}

export const statsService = {
  /**
   * Sign-ups and attendance by event kind, check-ins by identity, messages, offers claimed and redeemed, per day
   * (default: the last 30 days). Reply: `{from, to, days: [{date, signups: {party_lesson: n}, ...}], totals}`.
   */
  async daily(range: { from?: string; to?: string }) {
    const to = range.to ?? districtDate();
    const from = range.from ?? districtDate(Date.parse(`${to}T00:00:00Z`) - 29 * 86400000);
    if (from > to) throw new ValidationError({ from: '开始日期不能晚于结束日期' });
    // Check the span before building the list of days, so a huge range costs nothing.
    if ((Date.parse(to) - Date.parse(from)) / 86400000 + 1 > MAX_DAYS) {
      throw new ValidationError({ from: `查询范围不能超过 ${MAX_DAYS} 天` });
    }
    const days = daysBetween(from, to);
    const totals: Grouped = {};
    const perDay = await Promise.all(
      days.map(async (date) => {
        const grouped: Grouped = {};
        for (const [metric, count] of Object.entries(await readDaily(date))) {
          addTo(grouped, metric, count);
          addTo(totals, metric, count);
        }
        return { date, ...grouped };
      }),
    );
    return { from, to, days: perDay, totals };
  },
};
