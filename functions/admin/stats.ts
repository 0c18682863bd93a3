import { z } from 'zod';
import { isoDate } from '../../shared/api/common';
import { ValidationError } from '../lib/errors';
import { ok, route } from '../lib/http';
import { readDaily } from '../lib/metrics';
import { daysBetween, districtDate } from '../lib/time';

const MAX_DAYS = 92;

const querySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

/** Participation figures per district day: every daily metric the features count (see lib/metrics.ts). */
export const handler = route({ access: 'staff', query: querySchema }, async ({ query }) => {
  const to = query.to ?? districtDate();
  const from = query.from ?? districtDate(Date.parse(`${to}T00:00:00Z`) - 29 * 86400000);
  if (from > to) throw new ValidationError({ from: '开始日期不能晚于结束日期' });
  const days = daysBetween(from, to);
  if (days.length > MAX_DAYS) throw new ValidationError({ from: `查询范围不能超过 ${MAX_DAYS} 天` });
  const perDay = await Promise.all(days.map(async (date) => ({ date, metrics: await readDaily(date) })));
  const totals: Record<string, number> = {};
  for (const day of perDay) for (const [k, v] of Object.entries(day.metrics)) totals[k] = (totals[k] ?? 0) + v;
  return ok({ from, to, days: perDay, totals });
});
