// 排班管理 (staff): the duty roster a week at a time — add a shift, remove an unbooked one, copy last week's
// roster into this week, and open a shift's appointments (with the questions).
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DutyShift } from '@shared/api/services';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { dutyApi } from '../../../../api/services';
import { Empty, NavBar, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatClock, formatMonthDay } from '../../../../lib/districtTime';
import { openPage } from '../../../../navigation';
import { addDays, mondayOf, rangeOf, today, weekdayOf } from '../../week';
import { ShiftForm } from './ShiftForm';
import '../../styles.scss';
import './index.scss';

function RosterShift({ shift, onChanged }: { shift: DutyShift; onChanged: () => Promise<void> }) {
  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除班次',
      content: '确定删除这个班次吗？',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    try {
      await dutyApi.remove(shift.id);
      await onChanged();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  };
  return (
    <View className="rc-card rc-services-roster__shift">
      <View className="rc-services-row">
        <View className="rc-services-title">
          {weekdayOf(shift.startsAt)} {formatMonthDay(shift.startsAt)} {formatClock(shift.startsAt)}–
          {formatClock(shift.endsAt)}
        </View>
        <View className="rc-services-status">
          {shift.booked}/{shift.capacity}
        </View>
      </View>
      <View className="rc-services-meta">
        {shift.department} · {shift.steward}
        {shift.topics.length ? ` · ${shift.topics.join('、')}` : ''}
      </View>
      <View className="rc-services-actions">
        <Button
          className="rc-services-button"
          onClick={() => void openPage(`/packages/services/pages/appointments/index?id=${shift.id}`)}
        >
          预约名单
        </Button>
        {shift.booked === 0 ? (
          <Button className="rc-services-button" onClick={() => void remove()}>
            删除
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function RosterPage() {
  const auth = useRequireAuth();
  const isStaff = auth.status === 'signedIn' && auth.hasRole('staff');
  const [monday, setMonday] = useState(() => mondayOf(today()));
  const [copying, setCopying] = useState(false);
  const page = usePageData(() => dutyApi.shifts(rangeOf(monday, 7).from, rangeOf(monday, 7).to), [monday], {
    enabled: isStaff,
    refreshOnShow: true,
  });
  if (auth.status === 'signedIn' && !isStaff)
    return (
      <View className="rc-page">
        <NavBar />
        <Empty icon="lock" text="仅限工作人员使用" />
      </View>
    );
  const copyLastWeek = async () => {
    setCopying(true);
    try {
      const report = await dutyApi.copyWeek(addDays(monday, -7), monday);
      void Taro.showToast({
        title: report.copied ? `已复制 ${report.copied} 个班次` : '上周班次已全部复制过',
        icon: 'none',
      });
      await page.reload();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setCopying(false);
    }
  };
  return (
    <View className="rc-page rc-services-roster">
      <NavBar />
      <View className="rc-services-roster__week">
        <View className="rc-services-roster__nav" onClick={() => setMonday(addDays(monday, -7))}>
          ‹ 上一周
        </View>
        <View className="rc-services-roster__label">{monday} 起的一周</View>
        <View className="rc-services-roster__nav" onClick={() => setMonday(addDays(monday, 7))}>
          下一周 ›
        </View>
      </View>
      <View className="rc-services-actions">
        <Button
          className="rc-services-button rc-services-roster__copy"
          {...buttonProps({ loading: copying, disabled: copying, onClick: () => void copyLastWeek() })}
        >
          复制上周排班
        </Button>
      </View>
      <PageContent
        page={page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="这一周还没有班次"
        emptyHint="可以复制上周排班，或在下方添加"
        emptyIcon="calendar"
      >
        {(p) => (
          <View>
            {p.items.map((s) => (
              <RosterShift key={s.id} shift={s} onChanged={page.reload} />
            ))}
          </View>
        )}
      </PageContent>
      <ShiftForm key={monday} day={monday} onAdded={page.reload} />
    </View>
  );
}
