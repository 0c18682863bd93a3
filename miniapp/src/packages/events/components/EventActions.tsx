// 分享 and 加入日历 under an event: WeChat's share card and phone calendar on weapp, the share sheet (or a copied
// link) and an .ics file on H5.
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { EventView } from '@shared/api/events';
import { calendarEntryOf } from '../calendarEntry';
import { addToPhoneCalendar, shareButtonProps } from '../phoneActions';
import './EventActions.scss';

/** The page path a share card opens. */
export const eventSharePath = (id: string) =>
  `/packages/events/pages/detail/index?id=${encodeURIComponent(id)}`;

export function EventActions({ event }: { event: EventView }) {
  const upcoming = Date.parse(event.endsAt) > Date.now() && event.status !== 'cancelled';
  const addToCalendar = async () => {
    try {
      await addToPhoneCalendar(calendarEntryOf(event));
    } catch (err) {
      void Taro.showToast({ title: (err as Error).message, icon: 'none' });
    }
  };
  return (
    <View className="rc-event-actions">
      <Button
        className="rc-event-actions__button"
        {...shareButtonProps(event.title, eventSharePath(event.id))}
      >
        分享给好友
      </Button>
      {upcoming ? (
        <Button className="rc-event-actions__button" onClick={() => void addToCalendar()}>
          加入日历
        </Button>
      ) : null}
    </View>
  );
}
