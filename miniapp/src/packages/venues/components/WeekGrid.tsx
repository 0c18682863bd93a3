// The week at a glance: a column per district day, a row per half hour; free cells can be tapped to choose.
import { View } from '@tarojs/components';
import type { BookingTime } from '@shared/api/venues';
import { addDays, cellState, type Selection } from '../week';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const dayLabel = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return { top: `周${WEEKDAYS[date.getUTCDay()]}`, bottom: `${date.getUTCMonth() + 1}/${date.getUTCDate()}` };
};

export interface WeekGridProps {
  from: string;
  hours: string[];
  bookings: BookingTime[];
  selection: Selection | null;
  now: number;
  onPick?: (day: string, index: number) => void;
}

export function WeekGrid({ from, hours, bookings, selection, now, onPick }: WeekGridProps) {
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  return (
    <View className="rc-venues-week">
      <View className="rc-venues-week__row">
        <View className="rc-venues-week__time" />
        {days.map((day) => (
          <View key={day} className="rc-venues-week__day">
            <View>{dayLabel(day).top}</View>
            <View>{dayLabel(day).bottom}</View>
          </View>
        ))}
      </View>
      {hours.map((hhmm, index) => (
        <View key={hhmm} className="rc-venues-week__row">
          <View className="rc-venues-week__time">{hhmm.endsWith(':00') ? hhmm : ''}</View>
          {days.map((day) => {
            const state = cellState(day, hhmm, bookings, now);
            const chosen =
              selection?.day === day && index >= selection.first && index <= selection.last
                ? ' rc-venues-week__cell--chosen'
                : '';
            return (
              <View
                key={day}
                className={`rc-venues-week__cell rc-venues-week__cell--${state}${chosen}`}
                data-slot={`${day} ${hhmm}`}
                data-state={state}
                onClick={() => state === 'free' && onPick?.(day, index)}
              />
            );
          })}
        </View>
      ))}
      <View className="rc-venues-week__legend">
        <View className="rc-venues-week__key rc-venues-week__cell--free" />
        空闲
        <View className="rc-venues-week__key rc-venues-week__cell--pending" />
        待审核
        <View className="rc-venues-week__key rc-venues-week__cell--approved" />
        已占用
        <View className="rc-venues-week__key rc-venues-week__cell--chosen" />
        已选
      </View>
    </View>
  );
}
