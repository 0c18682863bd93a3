// Add one shift to the roster: day, hours (district time), department, steward, topics, places.
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createShiftSchema } from '@shared/api/services';
import { useState } from 'react';
import { dutyApi } from '../../../../api/services';
import { FormField } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { districtInstant } from '../../../../lib/districtTime';
import { byTopField } from '../../../../lib/form';
import { useFormSubmission } from '../../../../lib/useFormSubmission';

export function ShiftForm({ day, onAdded }: { day: string; onAdded: () => Promise<void> }) {
  const [draft, setDraft] = useState({
    day,
    from: '09:00',
    to: '11:30',
    department: '',
    steward: '',
    topics: '',
    capacity: '5',
  });
  const submission = useFormSubmission({
    keyErrors: byTopField,
    onFailure: (e) => void Taro.showToast({ title: e.message, icon: 'none' }),
  });
  const set = (field: keyof typeof draft) => (value: string) => setDraft({ ...draft, [field]: value });
  const hhmm = (t: string) => (/^\d{2}:\d{2}$/.test(t) ? t : '99:99');
  const body = {
    startsAt: districtInstant(draft.day, hhmm(draft.from)),
    endsAt: districtInstant(draft.day, hhmm(draft.to)),
    department: draft.department,
    steward: draft.steward,
    topics: draft.topics.split(/[,，、\s]+/).filter(Boolean),
    capacity: draft.capacity === '' ? NaN : Number(draft.capacity),
  };
  const save = () =>
    submission.submit(createShiftSchema, body, async (data) => {
      await dutyApi.create(data);
      void Taro.showToast({ title: '已添加班次', icon: 'none' });
      setDraft({ ...draft, department: '', steward: '', topics: '' });
      await onAdded();
    });
  const e = submission.errors;
  return (
    <View className="rc-card rc-services-form">
      <View className="rc-services-title">添加班次</View>
      <FormField
        block="rc-services-form"
        label="日期（YYYY-MM-DD）"
        value={draft.day}
        onInput={set('day')}
        error={e.startsAt}
      />
      <FormField block="rc-services-form" label="开始（HH:MM）" value={draft.from} onInput={set('from')} />
      <FormField
        block="rc-services-form"
        label="结束（HH:MM）"
        value={draft.to}
        onInput={set('to')}
        error={e.endsAt}
      />
      <FormField
        block="rc-services-form"
        label="部门"
        value={draft.department}
        placeholder="如：区税务局"
        onInput={set('department')}
        error={e.department}
      />
      <FormField
        block="rc-services-form"
        label="政策管家"
        value={draft.steward}
        onInput={set('steward')}
        error={e.steward}
      />
      <FormField
        block="rc-services-form"
        label="咨询主题（用顿号分隔，选填）"
        value={draft.topics}
        onInput={set('topics')}
        error={e.topics}
      />
      <FormField
        block="rc-services-form"
        label="预约名额"
        type="number"
        value={draft.capacity}
        onInput={set('capacity')}
        error={e.capacity}
      />
      <View className="rc-services-actions">
        <Button
          className="rc-services-button rc-services-button--primary"
          {...buttonProps({
            loading: submission.busy,
            disabled: submission.busy,
            onClick: () => void save(),
          })}
        >
          添加
        </Button>
      </View>
    </View>
  );
}
