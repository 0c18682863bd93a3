// A stacked column chart (F2): one column per label (week, day), one coloured segment per key (event kind,
// identity), a legend of the keys that occur, each column's total above it when the columns leave room.
import { View } from '@tarojs/components';
import { ChartCard } from './chart/ChartCard';
import { countScale, GRID, TEXT, type F2Chart } from './chart/f2';
import { colourOf } from './palette';

export interface StackedColumn {
  label: string;
  values: Record<string, number>;
}

export interface StackedBarsProps {
  id: string;
  title: string;
  unit: string;
  keys: string[];
  labels: Record<string, string>;
  columns: StackedColumn[];
}

/** Beyond this many columns the totals would overlap on a phone; the axis then shows about 6 labels. */
const MAX_LABELLED_COLUMNS = 12;

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

export function StackedBars({ id, title, unit, keys, labels, columns }: StackedBarsProps) {
  const totals = keys.map((key) => ({ key, total: columns.reduce((n, c) => n + (c.values[key] ?? 0), 0) }));
  const present = totals.filter((t) => t.total > 0);
  const nameOf = (key: string) => labels[key] ?? key;

  const draw = (chart: F2Chart) => {
    const rows = columns.flatMap((column) =>
      present.map(({ key }) => ({ x: column.label, name: nameOf(key), value: column.values[key] ?? 0 })),
    );
    chart.source(rows, {
      x: { type: 'cat', values: columns.map((c) => c.label), tickCount: Math.min(columns.length, 6) },
      name: { type: 'cat', values: present.map(({ key }) => nameOf(key)) },
      value: countScale(Math.max(...columns.map((c) => sum(c.values)))),
    });
    chart.axis('x', { label: TEXT, line: GRID });
    chart.axis('value', { label: TEXT, grid: GRID });
    chart.legend('name', {
      position: 'bottom',
      align: 'center',
      nameStyle: { fontSize: 12, fill: '#333333' },
      marker: { symbol: 'square', radius: 5 },
    });
    chart
      .interval()
      .position('x*value')
      .color(
        'name',
        present.map(({ key }) => colourOf(key, keys.indexOf(key))),
      )
      .adjust('stack');
    if (columns.length <= MAX_LABELLED_COLUMNS) {
      for (const column of columns) {
        const total = sum(column.values);
        if (total > 0)
          chart.guide().text({
            position: [column.label, total],
            content: String(total),
            offsetY: -8,
            style: { fontSize: 11, fill: '#333333', textAlign: 'center' },
          });
      }
    }
  };

  return (
    <ChartCard
      id={id}
      title={title}
      unit={unit}
      empty={present.length === 0}
      size="tall"
      dataKey={JSON.stringify([keys, columns])}
      draw={draw}
    >
      <View className="rc-dashboard-chart__note">
        合计：
        {totals.map(({ key, total }) => `${nameOf(key)} ${total}`).join(' · ')} {unit}
      </View>
    </ChartCard>
  );
}
