// 政策管家轮值岗: who is on duty today and this week (department, steward, topics, hours, places left); a signed-in
// user books a consultation (one per shift, with the question in advance if they like) and cancels it.
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { bookSchema, type DutyShift } from '@shared/api/services';
import { useState } from 'react';
import { requireSignIn } from '../../../../auth/requireSignIn';
import { toApiError } from '../../../../api/client';
import { dutyApi } from '../../../../api/services';
import { NavBar, PageContent, useAuth, usePageData } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { districtDay, formatClock, formatMonthDay } from '../../../../lib/districtTime';
import { checkForm } from '../../../../lib/form';
import { rangeOf, today, weekdayOf } from '../../week';
import '../../styles.scss';
import './index.scss';

function ShiftCard({ shift, reload }: { shift: DutyShift; reload: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [question, setQuestion] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const left = shift.capacity - shift.booked;
  const over = Date.parse(shift.endsAt) <= Date.now();
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void Taro.showToast({ title: done, icon: 'none' });
      setAsking(false);
      await reload();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
      await reload();
    } finally {
      setBusy(false);
    }
  };
  const book = async () => {
    if (!(await requireSignIn())) return;
    const checked = checkForm(bookSchema, question.trim() ? { question } : {});
    if (!checked.ok) return setError(checked.errors.question ?? '请检查填写内容');
    setError('');
    await run(() => dutyApi.book(shift.id, checked.data.question), '预约成功');
  };
  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消预约',
      content: '确定取消这次咨询预约吗？',
      confirmColor: '#c8161d',
    });
    if (confirm) await run(() => dutyApi.cancel(shift.id), '已取消预约');
  };
  return (
    <View className="rc-card rc-services-duty__shift">
      <View className="rc-services-row">
        <View className="rc-services-title">{shift.department}</View>
        <View className="rc-services-duty__time">
          {weekdayOf(shift.startsAt)} {formatMonthDay(shift.startsAt)} {formatClock(shift.startsAt)}–
          {formatClock(shift.endsAt)}
        </View>
      </View>
      <View className="rc-services-meta">在岗政策管家：{shift.steward}</View>
      {shift.topics.length ? (
        <View className="rc-services-meta">可咨询：{shift.topics.join('、')}</View>
      ) : null}
      <View className="rc-services-hint">
        {over ? '已结束' : left > 0 ? `余 ${left} 个预约名额` : '预约已满'}
      </View>
      {shift.mine ? (
        <View className="rc-services-duty__mine">
          已预约{shift.mine.question ? `，问题：${shift.mine.question}` : ''}
        </View>
      ) : null}
      {asking && !shift.mine ? (
        <View className="rc-services-form__field">
          <Input
            className="rc-services-form__input"
            value={question}
            placeholder="想咨询的问题（选填）"
            onInput={(e) => setQuestion(e.detail.value)}
          />
          {error ? <View className="rc-services-form__error">{error}</View> : null}
        </View>
      ) : null}
      {!over ? (
        <View className="rc-services-actions">
          {shift.mine ? (
            <Button
              key="cancel"
              className="rc-services-button"
              {...buttonProps({ disabled: busy, onClick: () => void cancel() })}
            >
              取消预约
            </Button>
          ) : asking ? (
            <Button
              key="confirm"
              className="rc-services-button rc-services-button--primary"
              {...buttonProps({ disabled: busy, onClick: () => void book() })}
            >
              确认预约
            </Button>
          ) : (
            <Button
              key="ask"
              className="rc-services-button rc-services-button--primary"
              {...buttonProps({ disabled: left <= 0, onClick: () => setAsking(true) })}
            >
              {left > 0 ? '预约咨询' : '已约满'}
            </Button>
          )}
        </View>
      ) : null}
    </View>
  );
}

export default function DutyDeskPage() {
  const auth = useAuth();
  const first = today();
  const page = usePageData(
    () => dutyApi.shifts(rangeOf(first, 7).from, rangeOf(first, 7).to),
    [first, auth.status],
    {
      refreshOnShow: true,
    },
  );
  return (
    <View className="rc-page rc-services-duty">
      <NavBar />
      <View className="rc-services-duty__intro">
        区税务局、市场监管局、人社局的政策专员轮流在环翠楼党群服务中心坐班，为职工和企业答疑解惑。
      </View>
      <PageContent
        page={page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="本周暂无排班"
        emptyHint="排班发布后会显示在这里"
        emptyIcon="headset"
      >
        {(p) => {
          const todays = p.items.filter((s) => districtDay(s.startsAt) === first);
          const later = p.items.filter((s) => districtDay(s.startsAt) !== first);
          return (
            <View>
              <View className="rc-section-title">今日在岗</View>
              {todays.length ? (
                todays.map((s) => <ShiftCard key={s.id} shift={s} reload={page.reload} />)
              ) : (
                <View className="rc-services-duty__none">今日无人坐班</View>
              )}
              <View className="rc-section-title">本周排班（未来七天）</View>
              {later.length ? (
                later.map((s) => <ShiftCard key={s.id} shift={s} reload={page.reload} />)
              ) : (
                <View className="rc-services-duty__none">未来七天暂无其他排班</View>
              )}
            </View>
          );
        }}
      </PageContent>
    </View>
  );
}
