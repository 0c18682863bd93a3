// The monthly report as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese): figures only, no person's
// phone; "who is active" lists names, as staff see them.
import type { DashboardReply } from '../../shared/api/admin';

const cell = (value: string | number) => {
  const text = String(value);
  // Quote always; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};
const line = (...cells: (string | number)[]) => cells.map(cell).join(',');
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function reportCsv(report: DashboardReply): string {
  const rows: string[] = [
    line('红色商圈 工作报表', `${report.from} 至 ${report.to}`),
    line('项目', '分项', '数值', '单位'),
  ];
  for (const row of report.headline) {
    if (row.total !== null) rows.push(line(row.label, '合计', row.total, row.unit));
    for (const part of row.parts) rows.push(line(row.label, part.label, part.value, row.unit));
  }
  const s = report.summary;
  rows.push(line('参与人数（去重）', '活动报名', s.participants, '人'));
  rows.push(line('参与儿童', '合计', s.children, '人'));
  rows.push(line('空间到访人数（去重）', '合计', s.uniqueVisitors, '人'));
  for (const [identity, n] of Object.entries(s.uniqueVisitorsByIdentity))
    rows.push(line('空间到访人数（去重）', report.labels[identity] ?? identity, n, '人'));
  rows.push(line('参与商户', '合计', s.merchantsActive, '家'));
  for (const a of report.attendance) rows.push(line('签到率', a.label, percent(a.rate), ''));
  rows.push(line('活跃之星', `${report.ranking.month}`, '', ''));
  for (const [i, item] of report.ranking.items.entries())
    rows.push(line('活跃之星', `${i + 1}. ${item.name}`, item.participations, '次'));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
