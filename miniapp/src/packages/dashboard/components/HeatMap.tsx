// Weekday × hour heat map of check-ins (district time), drawn with F2 polygons: darker red = more arrivals, the
// count written in every lit cell.
import { View } from '@tarojs/components';
import { ChartCard } from './chart/ChartCard';
import { TEXT, type F2Chart } from './chart/f2';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour));
const LABELLED_HOURS = new Set(['0', '6', '12', '18', '23']);

export function HeatMap({ id, title, cells }: { id: string; title: string; cells: number[][] }) {
  const max = Math.max(0, ...cells.flat());
  const rows = cells.flatMap((row, weekday) =>
    row.map((value, hour) => ({ hour: String(hour), day: WEEKDAYS[weekday], value })),
  );
  const busiest = rows.find((r) => r.value === max);

  const draw = (chart: F2Chart) => {
    chart.source(rows, {
      hour: { type: 'cat', values: HOURS },
      // Monday on top: a category axis runs bottom-up.
      day: { type: 'cat', values: [...WEEKDAYS].reverse() },
      value: { min: 0, max: Math.max(1, max) },
    });
    chart.axis('hour', {
      label: (text: string) => (LABELLED_HOURS.has(text) ? { ...TEXT, text: `${text}时` } : null),
      line: null,
      grid: null,
    });
    chart.axis('day', { label: { ...TEXT, fontSize: 12 }, line: null, grid: null });
    chart.legend(false);
    chart
      .polygon()
      .position('hour*day')
      .color('value', '#f3eeea-#c8161d')
      .style({ lineWidth: 1, stroke: '#ffffff' });
    for (const cell of rows) {
      if (cell.value > 0)
        chart.guide().text({
          position: [cell.hour, cell.day],
          content: String(cell.value),
          style: { fontSize: 9, fill: cell.value > max / 2 ? '#ffffff' : '#333333', textAlign: 'center' },
        });
    }
  };

  return (
    <ChartCard
      id={id}
      title={title}
      unit="人次"
      empty={max === 0}
      size="tall"
      dataKey={JSON.stringify(cells)}
      draw={draw}
    >
      <View className="rc-dashboard-chart__note">
        颜色越深，到访越多；最多 {max} 人次/小时
        {busiest ? `（${busiest.day} ${busiest.hour}时）` : ''}
      </View>
    </ChartCard>
  );
}
