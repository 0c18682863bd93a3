import { Picker, View } from '@tarojs/components';
import './DateTimeField.scss';
import { districtDay } from '../lib/districtTime';

export interface DateTimeFieldProps {
  /** The form's class block (see FormField): styles __field, __label, __input, __error. */
  block: string;
  label: string;
  /** YYYY-MM-DD HH:MM in district time, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** An optional field shows 清除 and its placeholder when empty. */
  optional?: boolean;
  placeholder?: string;
}

const DEFAULT_TIME = '09:00';

/**
 * A district date and time chosen with the platform's date and time pickers (never typed), as one YYYY-MM-DD HH:MM
 * value. Picking a time before a date takes today's date; picking a date keeps the chosen time (09:00 by default).
 */
export function DateTimeField({
  block,
  label,
  value,
  onChange,
  error,
  optional = false,
  placeholder = '请选择',
}: DateTimeFieldProps) {
  const [day = '', time = ''] = value ? value.split(' ') : [];
  const today = districtDay(Date.now());
  return (
    <View className={`${block}__field`}>
      <View className={`${block}__label`}>{label}</View>
      <View className="rc-datetime">
        <Picker
          className="rc-datetime__picker rc-datetime__picker--day"
          mode="date"
          value={day || today}
          start={today}
          onChange={(e) => onChange(`${String(e.detail.value)} ${time || DEFAULT_TIME}`)}
        >
          <View className={`${block}__input rc-datetime__box${day ? '' : ' rc-datetime--empty'}`}>
            {day || placeholder}
          </View>
        </Picker>
        <Picker
          className="rc-datetime__picker rc-datetime__picker--time"
          mode="time"
          value={time || DEFAULT_TIME}
          onChange={(e) => onChange(`${day || today} ${String(e.detail.value)}`)}
        >
          <View className={`${block}__input rc-datetime__box${time ? '' : ' rc-datetime--empty'}`}>
            {time || '时间'}
          </View>
        </Picker>
        {optional && value ? (
          <View className="rc-datetime__clear" onClick={() => onChange('')}>
            清除
          </View>
        ) : null}
      </View>
      {error ? <View className={`${block}__error`}>{error}</View> : null}
    </View>
  );
}
