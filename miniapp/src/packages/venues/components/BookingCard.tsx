// One booking as its booker or staff see it: the venue, the time, who and why, the status (and the reason).
import { View } from '@tarojs/components';
import { BOOKING_STATUS_LABELS, type Booking } from '@shared/api/venues';
import type { ReactNode } from 'react';
import { formatRange } from '../../../lib/districtTime';
import { openPage } from '../../../navigation';

export function BookingCard({ booking, children }: { booking: Booking; children?: ReactNode }) {
  return (
    <View
      className={`rc-card rc-venues-booking rc-venues-booking--${booking.status}`}
      data-booking={booking.id}
    >
      <View
        className="rc-venues-booking__head"
        onClick={() => void openPage(`/packages/venues/pages/detail/index?id=${booking.venueId}`)}
      >
        <View className="rc-venues-booking__venue">{booking.venueName ?? '场地'}</View>
        <View className={`rc-venues-booking__status rc-venues-booking__status--${booking.status}`}>
          {BOOKING_STATUS_LABELS[booking.status]}
        </View>
      </View>
      <View className="rc-venues-booking__meta">{formatRange(booking.startsAt, booking.endsAt)}</View>
      <View className="rc-venues-booking__meta">
        {booking.organisation} · {booking.attendees} 人
      </View>
      <View className="rc-venues-booking__meta">{booking.purpose}</View>
      {booking.reason ? <View className="rc-venues-booking__meta">说明：{booking.reason}</View> : null}
      {children}
    </View>
  );
}
