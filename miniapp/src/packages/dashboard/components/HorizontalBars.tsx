// One bar per key (e.g. redemptions per alliance), with its value, drawn with Views.
import { View } from '@tarojs/components';
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
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <View className="rc-card rc-dashboard-chart" id={`rc-dashboard-chart-${id}`}>
      <View className="rc-dashboard-chart__title">{title}</View>
      {entries.map(([key, n], i) => (
        <View key={key} className="rc-dashboard-hbar">
          <View className="rc-dashboard-hbar__label">{labels[key] ?? key}</View>
          <View className="rc-dashboard-hbar__track">
            <View
              className="rc-dashboard-hbar__bar"
              style={{ width: `${n > 0 ? Math.max(2, (n / max) * 100) : 0}%`, background: colourOf(key, i) }}
            />
          </View>
          <View className="rc-dashboard-hbar__value">
            {n} {unit}
          </View>
        </View>
      ))}
    </View>
  );
}
