// One horizontal bar per key (e.g. redemptions per alliance), drawn with F2, each bar's value at its end.
import { View } from '@tarojs/components';
import { ChartCard } from './chart/ChartCard';
import { countScale, GRID, TEXT, type F2Chart } from './chart/f2';
import { colourOf } from './palette';

export interface HorizontalBarsProps {
  id: string;
  title: string;
  unit: string;
  values: Record<string, number>;
  labels: Record<string, string>;
}

export function HorizontalBars({ id, title, unit, values, labels }: HorizontalBarsProps) {
  const entries = Object.entries(values);
  const nameOf = (key: string) => labels[key] ?? key;

  const draw = (chart: F2Chart) => {
    // The first key at the top: a transposed axis runs bottom-up.
    const names = entries.map(([key]) => nameOf(key)).reverse();
    chart.source(
      entries.map(([key, value]) => ({ name: nameOf(key), value })),
      {
        name: { type: 'cat', values: names },
        value: countScale(Math.max(...entries.map(([, n]) => n))),
      },
    );
    chart.coord({ transposed: true });
    chart.axis('name', { label: { ...TEXT, fontSize: 12, fill: '#333333' }, line: GRID });
    chart.axis('value', { label: TEXT, grid: GRID });
    chart.legend(false);
    chart
      .interval()
      .position('name*value')
      .color(
        'name',
        entries.map(([key], i) => colourOf(key, i)),
      )
      .size(18);
    for (const [key, value] of entries) {
      chart.guide().text({
        position: [nameOf(key), value],
        content: `${value} ${unit}`,
        offsetX: 6,
        style: { fontSize: 12, fill: '#333333', textAlign: 'start' },
      });
    }
  };

  return (
    <ChartCard
      id={id}
      title={title}
      unit={unit}
      empty={!entries.some(([, n]) => n > 0)}
      size={entries.length > 3 ? 'medium' : 'short'}
      dataKey={JSON.stringify(entries)}
      draw={draw}
    >
      <View className="rc-dashboard-chart__note">
        {entries.map(([key, n]) => `${nameOf(key)} ${n} ${unit}`).join(' · ')}
      </View>
    </ChartCard>
  );
}
