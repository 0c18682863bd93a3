// Youth education: the children a parent signs up (name and age each), within the event's limits.
import { Input, View } from '@tarojs/components';
import type { EventView } from '@shared/api/events';
import './ChildrenForm.scss';

export interface ChildDraft {
  name: string;
  age: string;
}

export function ChildrenForm({
  event,
  children,
  onChange,
  errors,
}: {
  event: EventView;
  children: ChildDraft[];
  onChange: (next: ChildDraft[]) => void;
  errors: Record<string, string>;
}) {
  const set = (i: number, patch: Partial<ChildDraft>) =>
    onChange(children.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const ages =
    event.minAge !== null || event.maxAge !== null ? `（${event.minAge ?? 0}–${event.maxAge ?? 18} 岁）` : '';
  return (
    <View className="rc-events-children">
      <View className="rc-events-children__title">
        参加的孩子{ages}，每位孩子占一个名额，最多 {event.maxParticipantsPerSignup} 位
      </View>
      {children.map((child, i) => (
        <View key={i} className="rc-events-children__row">
          <Input
            className="rc-events-children__name"
            placeholder={`孩子${i + 1}姓名`}
            value={child.name}
            onInput={(e) => set(i, { name: e.detail.value })}
          />
          <Input
            className="rc-events-children__age"
            type="number"
            placeholder="年龄"
            value={child.age}
            onInput={(e) => set(i, { age: e.detail.value })}
          />
          {children.length > 1 ? (
            <View
              className="rc-events-children__remove"
              onClick={() => onChange(children.filter((_, j) => j !== i))}
            >
              删除
            </View>
          ) : null}
          {errors[`participants.${i}.age`] || errors[`participants.${i}.name`] ? (
            <View className="rc-events-children__error">
              {errors[`participants.${i}.age`] ?? errors[`participants.${i}.name`]}
            </View>
          ) : null}
        </View>
      ))}
      {errors.participants ? <View className="rc-events-children__error">{errors.participants}</View> : null}
      {children.length < event.maxParticipantsPerSignup ? (
        <View
          className="rc-events-children__add"
          onClick={() => onChange([...children, { name: '', age: '' }])}
        >
          + 再添加一位孩子
        </View>
      ) : null}
    </View>
  );
}
