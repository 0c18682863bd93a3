// 月历: a month of district days, Monday first; a dot under each day with events; tap a day to show only its events.
import { View } from '@tarojs/components';
import { monthTitle, monthWeeks, shiftMonth } from './monthGrid';
import './MonthCalendar.scss';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

export interface MonthCalendarProps {
  month: string;
  today: string;
  /** Days (YYYY-MM-DD) with at least one event. */
  eventDays: ReadonlySet<string>;
  selected: string | null;
  onSelect: (day: string | null) => void;
  onMonth: (month: string) => void;
}

export function MonthCalendar({ month, today, eventDays, selected, onSelect, onMonth }: MonthCalendarProps) {
  return (
    <View className="rc-month">
      <View className="rc-month__head">
        <View className="rc-month__nav" onClick={() => onMonth(shiftMonth(month, -1))} ariaLabel="上个月">
          ‹
        </View>
        <View className="rc-month__title">{monthTitle(month)}</View>
        <View className="rc-month__nav" onClick={() => onMonth(shiftMonth(month, 1))} ariaLabel="下个月">
          ›
        </View>
      </View>
      <View className="rc-month__row">
        {WEEKDAYS.map((w) => (
          <View key={w} className="rc-month__weekday">
            {w}
          </View>
        ))}
      </View>
      {monthWeeks(month).map((week, i) => (
        <View key={i} className="rc-month__row">
          {week.map((cell, j) => {
            if (!cell.day) return <View key={j} className="rc-month__cell" />;
            const classes = ['rc-month__cell', 'rc-month__cell--day'];
            if (cell.day === today) classes.push('rc-month__cell--today');
            if (cell.day === selected) classes.push('rc-month__cell--selected');
            const has = eventDays.has(cell.day);
            return (
              <View
                key={j}
                className={classes.join(' ')}
                data-day={cell.day}
                data-has-events={has ? 'yes' : 'no'}
                onClick={() => onSelect(cell.day === selected ? null : cell.day)}
              >
                <View className="rc-month__date">{cell.date}</View>
                <View className={has ? 'rc-month__dot rc-month__dot--on' : 'rc-month__dot'} />
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
