// The event's fields (kind only when creating), checked with the API's own schema before sending.
import { Button, Switch, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  createEventSchema,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  updateEventSchema,
  type EventView,
} from '@shared/api/events';
import { useState } from 'react';
import { eventsApi } from '../../../../api/events';
import { DateTimeField, FormField } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { useFormSubmission } from '../../../../lib/useFormSubmission';
import { draftOf, newDraft, requestOf, withStart, type Draft } from './draft';

const FORM = 'rc-events-edit';

/** A new event (`event` null) or an edit of the loaded one. */
export function EventForm({ event }: { event: EventView | null }) {
  const id = event?.id;
  const [draft, setDraft] = useState<Draft>(() => (event ? draftOf(event) : newDraft()));
  const submission = useFormSubmission({
    onFailure: (e) => void Taro.showToast({ title: e.message, icon: 'none' }),
  });
  const { errors, busy } = submission;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const save = async () => {
    const body = requestOf(draft, !!id);
    await submission.submit(id ? updateEventSchema : createEventSchema, body, async () => {
      const saved = id ? await eventsApi.update(id, body) : await eventsApi.create(body as never);
      void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'none' });
      if (!id) void Taro.redirectTo({ url: `/packages/events/pages/detail/index?id=${saved.id}` });
    });
  };

  const field = (label: string, key: keyof Draft, placeholder: string, type: 'text' | 'number' = 'text') => (
    <FormField
      block={FORM}
      label={label}
      type={type}
      placeholder={placeholder}
      value={String(draft[key])}
      error={errors[key]}
      onInput={(value) => set({ [key]: value } as Partial<Draft>)}
    />
  );

  return (
    <View className="rc-card">
      {id ? null : (
        <View className="rc-events-edit__kinds">
          {EVENT_KINDS.map((kind) => (
            <View
              key={kind}
              className={
                kind === draft.kind
                  ? 'rc-events-edit__kind rc-events-edit__kind--active'
                  : 'rc-events-edit__kind'
              }
              onClick={() => set({ kind })}
            >
              {EVENT_KIND_LABELS[kind]}
            </View>
          ))}
        </View>
      )}
      {field('标题', 'title', '如：行走的党课·刘公岛')}
      <FormField block={FORM} label="介绍">
        <Textarea
          className="rc-events-edit__textarea"
          placeholder="活动内容、集合地点等"
          value={draft.description}
          onInput={(e) => set({ description: e.detail.value })}
        />
      </FormField>
      {field('地点', 'location', '活动地点')}
      <DateTimeField
        block={FORM}
        label="开始时间"
        value={draft.startsAt}
        error={errors.startsAt}
        onChange={(startsAt) => setDraft(withStart(draft, startsAt))}
      />
      <DateTimeField
        block={FORM}
        label="结束时间"
        value={draft.endsAt}
        error={errors.endsAt}
        onChange={(endsAt) => set({ endsAt })}
      />
      <DateTimeField
        block={FORM}
        label="报名截止（可选）"
        optional
        placeholder="默认活动开始前"
        value={draft.signupClosesAt}
        error={errors.signupClosesAt}
        onChange={(signupClosesAt) => set({ signupClosesAt })}
      />
      {field('名额', 'capacity', '1–10000', 'number')}
      <View className="rc-events-edit__field rc-events-edit__switch">
        <View className="rc-events-edit__label">满员后允许候补</View>
        <Switch
          checked={draft.waitlist}
          color="#c8161d"
          onChange={(e) => set({ waitlist: e.detail.value })}
        />
      </View>
      {draft.kind === 'youth_education' ? (
        <View>
          {field('最小年龄', 'minAge', '如 6', 'number')}
          {field('最大年龄', 'maxAge', '如 12', 'number')}
          {field('每次最多报名孩子数', 'maxParticipantsPerSignup', '1–5', 'number')}
        </View>
      ) : null}
      {errors._ ? <View className="rc-events-edit__error">{errors._}</View> : null}
      <Button
        className="rc-events-edit__save"
        {...buttonProps({ loading: busy, disabled: busy, onClick: () => void save() })}
      >
        {id ? '保存修改' : '发布活动'}
      </Button>
    </View>
  );
}
