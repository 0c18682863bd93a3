// 本周 / 本月 / 上月 / 自定义: presets are resolved by the server in district time; 自定义 picks two dates.
import { Picker, View } from '@tarojs/components';
import { RANGE_PRESET_LABELS, RANGE_PRESETS } from '@shared/api/admin';
import type { DashboardRange } from '../../../api/admin';

export interface RangePickerProps {
  range: DashboardRange;
  today: string;
  onChange: (range: DashboardRange) => void;
}

export function RangePicker({ range, today, onChange }: RangePickerProps) {
  const custom = !('preset' in range) ? range : null;
  const chosen = 'preset' in range ? range.preset : 'custom';
  return (
    <View className="rc-dashboard-range">
      <View className="rc-dashboard-range__tabs">
        {[...RANGE_PRESETS, 'custom' as const].map((key) => (
          <View
            key={key}
            className={`rc-dashboard-range__tab${chosen === key ? ' rc-dashboard-range__tab--on' : ''}`}
            onClick={() =>
              onChange(key === 'custom' ? { from: today.slice(0, 8) + '01', to: today } : { preset: key })
            }
          >
            {RANGE_PRESET_LABELS[key]}
          </View>
        ))}
      </View>
      {custom && (
        <View className="rc-dashboard-range__dates">
          <Picker
            mode="date"
            value={custom.from}
            end={custom.to}
            onChange={(e) => onChange({ ...custom, from: e.detail.value })}
          >
            <View className="rc-dashboard-range__date">{custom.from}</View>
          </Picker>
          <View>至</View>
          <Picker
            mode="date"
            value={custom.to}
            start={custom.from}
            onChange={(e) => onChange({ ...custom, to: e.detail.value })}
          >
            <View className="rc-dashboard-range__date">{custom.to}</View>
          </Picker>
        </View>
      )}
    </View>
  );
}
