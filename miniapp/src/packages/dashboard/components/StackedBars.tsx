// A stacked column chart drawn with Views (same pixels in the weapp and H5 builds, no chart library to ship):
// one column per label, one coloured segment per key, a legend and the largest value on the axis.
import { View } from '@tarojs/components';
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

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

export function StackedBars({ id, title, unit, keys, labels, columns }: StackedBarsProps) {
  const max = Math.max(1, ...columns.map((c) => sum(c.values)));
  const every = Math.max(1, Math.ceil(columns.length / 7)); // at most ~7 axis labels
  return (
    <View className="rc-card rc-dashboard-chart" id={`rc-dashboard-chart-${id}`}>
      <View className="rc-dashboard-chart__title">{title}</View>
      <View className="rc-dashboard-chart__plot">
        <View className="rc-dashboard-chart__max">
          {max} {unit}
        </View>
        {columns.map((column) => (
          <View key={column.label} className="rc-dashboard-chart__column">
            <View className="rc-dashboard-chart__stack">
              {keys.map((key, i) =>
                column.values[key] ? (
                  <View
                    key={key}
                    className="rc-dashboard-chart__segment"
                    style={{ height: `${(column.values[key] / max) * 100}%`, background: colourOf(key, i) }}
                  />
                ) : null,
              )}
            </View>
          </View>
        ))}
      </View>
      <View className="rc-dashboard-chart__axis">
        {columns.map((column, i) => (
          <View key={column.label} className="rc-dashboard-chart__tick">
            {i % every === 0 ? column.label : ''}
          </View>
        ))}
      </View>
      <View className="rc-dashboard-chart__legend">
        {keys.map((key, i) => (
          <View key={key} className="rc-dashboard-chart__legend-item">
            <View className="rc-dashboard-chart__swatch" style={{ background: colourOf(key, i) }} />
            {labels[key] ?? key}
          </View>
        ))}
      </View>
    </View>
  );
}
