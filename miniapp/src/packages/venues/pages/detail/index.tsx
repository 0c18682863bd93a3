// A venue: where it is (directions on WeChat), what it has, and the week at a glance of free and taken half hours.
// Anyone may look; choosing a time and tapping 预约 asks a stranger to sign in first, then books (pending review).
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  VENUE_KIND_LABELS,
  createBookingSchema,
  type Booking,
  type Venue,
  type VenueBookingsReply,
} from '@shared/api/venues';
import { useState } from 'react';
import { venuesApi } from '../../../../api/venues';
import { requireSignIn } from '../../../../auth/requireSignIn';
import { FormField, NavBar, PageContent, useAuth, usePageData } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { TEMPLATE_IDS, askSubscribeConsent } from '../../../../lib/subscribeMessage';
import { useActionConsent } from '../../../../lib/useActionConsent';
import { districtDay, formatRange } from '../../../../lib/districtTime';
import { useFormSubmission } from '../../../../lib/useFormSubmission';
import { openPage } from '../../../../navigation';
import { BookingCard } from '../../components/BookingCard';
import { WeekGrid } from '../../components/WeekGrid';
import { canOpenMap, showDirections } from '../../directions';
import { addDays, cellState, halfHours, select, selectionTimes, type Selection } from '../../week';
import '../../components/BookingCard.scss';
import '../../components/WeekGrid.scss';
import './index.scss';

const BLOCK = 'rc-venues-form';

function BookingForm({
  venue,
  week,
  reload,
}: {
  venue: Venue;
  week: VenueBookingsReply;
  reload: () => Promise<void>;
}) {
  const hours = halfHours(venue);
  const now = Date.now();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [purpose, setPurpose] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [attendees, setAttendees] = useState('');
  const reminderConsent = useActionConsent(() => askSubscribeConsent(TEMPLATE_IDS.venueReminder));
  const submission = useFormSubmission({
    onFailure: (e) => {
      reminderConsent.settle(e);
      void Taro.showToast({ title: e.message, icon: 'none' });
      if (e.status === 409) void reload();
    },
  });
  const pick = (day: string, index: number) =>
    setSelection(select(selection, day, index, (i) => cellState(day, hours[i], week.items, now) === 'free'));
  const times = selection ? selectionTimes(selection, hours) : null;

  const book = async () => {
    if (!times) {
      void Taro.showToast({ title: '请先在上方选择时段', icon: 'none' });
      return;
    }
    if (!(await requireSignIn())) return;
    // The reminder the day before, once approved: WeChat asks for consent on this tap (no-op on H5).
    const subscribe = await reminderConsent.consent();
    const body = {
      ...times,
      purpose,
      organisation,
      attendees: attendees === '' ? NaN : Number(attendees),
      subscribe,
    };
    await submission.submit(createBookingSchema, body, async (data) => {
      await venuesApi.book(venue.id, data);
      reminderConsent.settle();
      void Taro.showToast({ title: '已提交，等待审核', icon: 'none' });
      setSelection(null);
      await reload();
    });
  };

  return (
    <View>
      <WeekGrid
        from={week.from}
        hours={hours}
        bookings={week.items}
        selection={selection}
        now={now}
        onPick={pick}
      />
      <View className={`rc-card ${BLOCK}`}>
        <View className={`${BLOCK}__chosen`} data-chosen={times ? 'yes' : 'no'}>
          {times
            ? `已选：${formatRange(times.startsAt, times.endsAt)}`
            : '点选空闲时段（再点同一天更晚的时段可延长，最长 8 小时）'}
        </View>
        {submission.errors.startsAt || submission.errors.endsAt ? (
          <View className={`${BLOCK}__error`}>{submission.errors.startsAt ?? submission.errors.endsAt}</View>
        ) : null}
        <FormField block={BLOCK} label="活动内容" error={submission.errors.purpose}>
          <Textarea
            className={`${BLOCK}__textarea`}
            name="purpose"
            value={purpose}
            maxlength={200}
            placeholder="如：支部主题党日、党课学习"
            onInput={(e) => setPurpose(e.detail.value)}
          />
        </FormField>
        <FormField
          block={BLOCK}
          label="预约单位"
          name="organisation"
          value={organisation}
          placeholder="党组织名称"
          error={submission.errors.organisation}
          onInput={setOrganisation}
        />
        <FormField block={BLOCK} label="参加人数" error={submission.errors.attendees}>
          <Input
            className={`${BLOCK}__input`}
            name="attendees"
            type="number"
            value={attendees}
            placeholder={`最多 ${venue.capacity} 人`}
            onInput={(e) => setAttendees(e.detail.value)}
          />
        </FormField>
        <Button
          className={`${BLOCK}__submit`}
          {...buttonProps({
            loading: submission.busy,
            disabled: submission.busy,
            onClick: () => void book(),
          })}
        >
          预约
        </Button>
      </View>
    </View>
  );
}

export default function VenueDetailPage() {
  const id = useRouter().params.id ?? '';
  const auth = useAuth();
  const [weekOffset, setWeekOffset] = useState(0);
  const from = addDays(districtDay(Date.now()), weekOffset * 7);
  const page = usePageData(
    async () => {
      const [{ venue }, week] = await Promise.all([
        venuesApi.get(id),
        venuesApi.bookings(id, from, addDays(from, 6)),
      ]);
      return { venue, week };
    },
    [id, from, auth.status],
    { refreshOnShow: true },
  );
  const staff = auth.status === 'signedIn' && auth.hasRole('staff');
  return (
    <View className="rc-page rc-venues-detail">
      <NavBar />
      <PageContent page={page}>
        {({ venue, week }) => (
          <View>
            <View className="rc-card">
              <View className="rc-venues-detail__name">{venue.name}</View>
              <View className="rc-venues-detail__meta">{VENUE_KIND_LABELS[venue.kind]}</View>
              <View className="rc-venues-detail__meta">{venue.address}</View>
              <View className="rc-venues-detail__meta">
                容纳 {venue.capacity} 人 ·{' '}
                {venue.opensAt ? `开放 ${venue.opensAt}–${venue.closesAt}` : '全天开放'}
              </View>
              {venue.facilities.length ? (
                <View className="rc-venues-detail__meta">设施：{venue.facilities.join('、')}</View>
              ) : null}
              <View className="rc-venues-detail__actions">
                <Button className="rc-venues-detail__button" onClick={() => void showDirections(venue)}>
                  {canOpenMap && venue.location ? '导航前往' : '复制地址'}
                </Button>
                {staff ? (
                  <Button
                    className="rc-venues-detail__button"
                    onClick={() => void openPage(`/packages/venues/pages/edit/index?id=${venue.id}`)}
                  >
                    编辑场地
                  </Button>
                ) : null}
              </View>
            </View>
            {venue.bookable ? (
              <View>
                <View className="rc-venues-detail__weeknav">
                  <View
                    className="rc-venues-detail__weeklink"
                    onClick={() => weekOffset > 0 && setWeekOffset(weekOffset - 1)}
                  >
                    {weekOffset > 0 ? '‹ 上一周' : ''}
                  </View>
                  <View>{from} 起一周</View>
                  <View
                    className="rc-venues-detail__weeklink"
                    onClick={() => weekOffset < 8 && setWeekOffset(weekOffset + 1)}
                  >
                    {weekOffset < 8 ? '下一周 ›' : ''}
                  </View>
                </View>
                <BookingForm key={from} venue={venue} week={week} reload={page.reload} />
                {staff ? (
                  <View>
                    <View className="rc-venues-detail__section">本周预约（{week.items.length}）</View>
                    {week.items
                      .filter((b): b is Booking => 'id' in b)
                      .map((b) => (
                        <BookingCard key={b.id} booking={b} />
                      ))}
                  </View>
                ) : null}
              </View>
            ) : (
              <View className="rc-card rc-venues-detail__notice">户外活动阵地面向公众开放，无需预约。</View>
            )}
          </View>
        )}
      </PageContent>
    </View>
  );
}
