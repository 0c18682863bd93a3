import { dashboardQuerySchema } from '../../../shared/api/admin';
import { ok, route, text } from '../../lib/http';
import { dashboardService } from '../dashboardService';
import { presetRange } from '../rangeAggregates';
import { reportCsv } from '../reportCsv';

/** Staff: the dashboard of a range (`preset` or `from`/`to`); `?format=csv` → the report as CSV. */
export const handler = route({ access: 'staff', query: dashboardQuerySchema }, async ({ query }) => {
  const range = query.preset ? presetRange(query.preset) : { from: query.from, to: query.to };
  const report = await dashboardService.load(range);
  if (query.format !== 'csv') return ok(report);
  return text(200, reportCsv(report), 'text/csv; charset=utf-8', {
    'Content-Disposition': `attachment; filename="report-${report.from}-${report.to}.csv"`,
  });
});
