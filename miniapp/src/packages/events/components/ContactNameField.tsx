// 联系人姓名 on the sign-up form: the name staff call out at the roll-call, prefilled from the profile (its real name,
// else the nickname). Required by this form; the API keeps it optional for older clients.
import { Input, View } from '@tarojs/components';
import './ContactNameField.scss';

export function ContactNameField({
  value,
  onChange,
  error,
  youth,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  youth: boolean;
}) {
  return (
    <View className="rc-events-contact">
      <View className="rc-events-contact__label">
        联系人姓名
        <View className="rc-events-contact__hint">
          {youth ? '监护人姓名，签到点名时使用' : '签到点名时工作人员会叫这个名字'}
        </View>
      </View>
      <Input
        className="rc-events-contact__input"
        maxlength={20}
        placeholder="联系人姓名"
        value={value}
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? <View className="rc-events-contact__error">{error}</View> : null}
    </View>
  );
}
