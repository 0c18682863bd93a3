// Staff: create an event, or edit one (?id=); close sign-up or cancel the event. Validated with the same zod
// schemas as the API before sending.
import { Button, Input, Switch, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  createEventSchema,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  updateEventSchema,
  type EventKind,
  type EventView,
} from '@shared/api/events';
import { useEffect, useState } from 'react';
import { toApiError } from '../../../../api/client';
import { eventsApi } from '../../../../api/events';
import { Empty, Loading, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { fromLocalInput, toLocalInput } from '../../format';
import { buttonProps } from '../../busyProps';
import './index.scss';

interface Draft {
  kind: EventKind;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  signupClosesAt: string;
  capacity: string;
  waitlist: boolean;
  minAge: string;
  maxAge: string;
  maxParticipantsPerSignup: string;
}

const EMPTY: Draft = {
  kind: 'party_lesson',
  title: '',
  description: '',
  location: '',
  startsAt: '',
  endsAt: '',
  signupClosesAt: '',
  capacity: '30',
  waitlist: true,
  minAge: '',
  maxAge: '',
  maxParticipantsPerSignup: '1',
};

function draftOf(e: EventView): Draft {
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    location: e.location,
    startsAt: toLocalInput(e.startsAt),
    endsAt: toLocalInput(e.endsAt),
    signupClosesAt: toLocalInput(e.signupClosesAt),
    capacity: String(e.capacity),
    waitlist: e.waitlist,
    minAge: e.minAge === null ? '' : String(e.minAge),
    maxAge: e.maxAge === null ? '' : String(e.maxAge),
    maxParticipantsPerSignup: String(e.maxParticipantsPerSignup),
  };
}

function requestOf(d: Draft, editing: boolean): Record<string, unknown> {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const time = (s: string) => (s.trim() === '' ? undefined : (fromLocalInput(s) ?? s));
  const youth = d.kind === 'youth_education';
  return {
    ...(editing ? {} : { kind: d.kind }),
    title: d.title,
    description: d.description,
    location: d.location,
    startsAt: time(d.startsAt),
    endsAt: time(d.endsAt),
    signupClosesAt: time(d.signupClosesAt) ?? (editing ? null : undefined),
    capacity: num(d.capacity),
    waitlist: d.waitlist,
    minAge: youth ? (num(d.minAge) ?? (editing ? null : undefined)) : undefined,
    maxAge: youth ? (num(d.maxAge) ?? (editing ? null : undefined)) : undefined,
    maxParticipantsPerSignup: youth ? num(d.maxParticipantsPerSignup) : editing ? undefined : 1,
  };
}

export default function EventEditPage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id;
  const [draft, setDraft] = useState<Draft | null>(id ? null : EMPTY);
  const [status, setStatus] = useState<EventView['status']>('open');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const staff = auth.hasRole('staff');

  useEffect(() => {
    if (!id || auth.status !== 'signedIn') return;
    eventsApi
      .get(id)
      .then((r) => {
        setDraft(draftOf(r.event));
        setStatus(r.event.status);
      })
      .catch((err) => void Taro.showToast({ title: toApiError(err).message, icon: 'none' }));
  }, [id, auth.status]);

  if (auth.status === 'signedIn' && !staff) return <Empty text="仅限工作人员使用" />;
  if (!draft) return <Loading />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const save = async () => {
    const body = requestOf(draft, !!id);
    const parsed = (id ? updateEventSchema : createEventSchema).safeParse(body);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
      setErrors(fields);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const event = id ? await eventsApi.update(id, body) : await eventsApi.create(body as never);
      void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'none' });
      if (!id) void Taro.redirectTo({ url: `/packages/events/pages/detail/index?id=${event.id}` });
    } catch (err) {
      const e = toApiError(err);
      if (e.fields) setErrors(e.fields);
      void Taro.showToast({ title: e.message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const changeStatus = async (action: 'close' | 'cancel' | 'open') => {
    const labels = { close: '截止报名', cancel: '取消活动', open: '重新开放报名' };
    const { confirm } = await Taro.showModal({
      title: labels[action],
      content:
        action === 'cancel' ? '取消后不可恢复，已报名的人会看到活动已取消。' : `确定${labels[action]}吗？`,
    });
    if (!confirm || !id) return;
    try {
      const event =
        action === 'close'
          ? await eventsApi.close(id)
          : action === 'cancel'
            ? await eventsApi.cancelEvent(id)
            : await eventsApi.update(id, { status: 'open' });
      setStatus(event.status);
      void Taro.showToast({ title: '已更新', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  };

  const field = (label: string, key: keyof Draft, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className="rc-events-edit__field">
      <View className="rc-events-edit__label">{label}</View>
      <Input
        className="rc-events-edit__input"
        type={type}
        placeholder={placeholder}
        value={String(draft[key])}
        onInput={(e) => set({ [key]: e.detail.value } as Partial<Draft>)}
      />
      {errors[key] ? <View className="rc-events-edit__error">{errors[key]}</View> : null}
    </View>
  );

  return (
    <View className="rc-page rc-events-edit">
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
        <View className="rc-events-edit__field">
          <View className="rc-events-edit__label">介绍</View>
          <Textarea
            className="rc-events-edit__textarea"
            placeholder="活动内容、集合地点等"
            value={draft.description}
            onInput={(e) => set({ description: e.detail.value })}
          />
        </View>
        {field('地点', 'location', '活动地点')}
        {field('开始时间', 'startsAt', 'YYYY-MM-DD HH:MM')}
        {field('结束时间', 'endsAt', 'YYYY-MM-DD HH:MM')}
        {field('报名截止（可选）', 'signupClosesAt', 'YYYY-MM-DD HH:MM，默认开始前')}
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
          {...buttonProps({ loading: busy, disabled: busy })}
          onClick={() => void save()}
        >
          {id ? '保存修改' : '发布活动'}
        </Button>
      </View>
      {id ? (
        <View className="rc-events-edit__status">
          {status === 'open' ? (
            <Button className="rc-events-edit__secondary" onClick={() => void changeStatus('close')}>
              截止报名
            </Button>
          ) : null}
          {status === 'closed' ? (
            <Button className="rc-events-edit__secondary" onClick={() => void changeStatus('open')}>
              重新开放报名
            </Button>
          ) : null}
          {status !== 'cancelled' ? (
            <Button className="rc-events-edit__secondary" onClick={() => void changeStatus('cancel')}>
              取消活动
            </Button>
          ) : null}
          <Button
            className="rc-events-edit__secondary"
            onClick={() => void openPage(`/packages/events/pages/attendees/index?id=${id}`)}
          >
            名单与签到
          </Button>
        </View>
      ) : null}
    </View>
  );
}
