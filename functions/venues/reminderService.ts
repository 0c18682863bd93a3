// The reminder the day before an approved booking (district time, UTC+8), through the shared outbox
// (functions/lib/notify) on the queue OUTBOX#venues. A scheduled job (sendVenueReminders) does both halves:
//   1 from REMINDER_HOUR on the district day before, each approved booking of tomorrow whose booker accepted the
//     subscribe message is queued once: the outbox id comes from the booking, the put is conditional, so two runs
//     at once, a retry or a run after a crash queue it once
//   2 the due items are sent, each claimed by one sender with a conditional lease; the booking is re-read
//     (ConsistentRead) when sent, so one cancelled or declined since it was queued is skipped, never reminded.
// The listing of step 1 reads an index (it may trail by a moment); it only proposes, step 2 decides on the base
// table. A booking approved after its day before began is queued on the next run of that day.
import { optionalEnv } from '../lib/config';
import { districtDateTime, thing } from '../lib/notify/fields';
import type { WechatMessenger } from '../lib/notify/messenger';
import { outbox, type OutboxItem } from '../lib/notify/outbox';
import {
  recipientOpenid,
  sendDue,
  sendDueLogged,
  type Composed,
  type SendOptions,
  type SendReport,
} from '../lib/notify/sender';
import { addDays, districtDate, districtInstant, districtMinutes } from '../lib/time';
import { bookingStore } from './bookingStore';

export const VENUES_OUTBOX = 'OUTBOX#venues';
/** District time from which the reminders of tomorrow's bookings go out (no message at night). */
export const REMINDER_HOUR = 9;
const KIND = 'venue_booking_reminder';

export const reminderIdOf = (bookingId: string) => `${KIND}.${bookingId}`;

const templateId = () => optionalEnv('WECHAT_TEMPLATE_VENUE_REMINDER', 'local-venue-reminder');

/** Step 1: queues the reminders of tomorrow's approved bookings (none before REMINDER_HOUR). How many were new. */
async function queueTomorrow(now: number): Promise<number> {
  if (districtMinutes(now) < REMINDER_HOUR * 60) return 0;
  const tomorrow = addDays(districtDate(now), 1);
  const from = districtInstant(tomorrow, '00:00').toISOString();
  const to = districtInstant(addDays(tomorrow, 1), '00:00').toISOString();
  let queued = 0;
  for (const booking of await bookingStore.approvedStarting(from, to)) {
    if (!booking.subscribe) continue;
    const entry = {
      id: reminderIdOf(booking.id),
      kind: KIND,
      userId: booking.userId,
      bookingId: booking.id,
      dueAt: new Date(now).toISOString(),
      createdAt: new Date(now).toISOString(),
    };
    if (await outbox.enqueue(VENUES_OUTBOX, entry)) queued++;
  }
  return queued;
}

/** Step 2's decision: the booking as it is now — still approved and not begun — and a booker to send to. */
async function compose(item: OutboxItem, now: number): Promise<Composed> {
  const booking = await bookingStore.get(item.bookingId as string);
  if (!booking || booking.status !== 'approved') return { skip: 'booking no longer approved' };
  if (Date.parse(booking.startsAt) <= now) return { skip: 'booking already begun' };
  const openid = await recipientOpenid(booking.userId);
  if (!openid) return { skip: 'account closed' };
  return {
    message: {
      touser: openid,
      templateId: templateId(),
      page: 'packages/venues/pages/mine/index',
      data: {
        thing1: { value: thing(booking.venueName) },
        time2: { value: districtDateTime(booking.startsAt) },
        thing3: { value: thing(booking.purpose) },
        thing4: { value: '预约已通过，请按时到场' },
      },
    },
  };
}

/** One run: queue tomorrow's reminders, then send what is due (`now` for tests). */
async function run(messenger: WechatMessenger, options: SendOptions = {}): Promise<SendReport> {
  const now = options.now ?? Date.now();
  await queueTomorrow(now);
  return sendDue(VENUES_OUTBOX, compose, messenger, { ...options, now });
}

/** The scheduled run (functions.yml): as run(), logging what happened, if anything. */
async function runScheduled(messenger: WechatMessenger): Promise<SendReport> {
  await queueTomorrow(Date.now());
  return sendDueLogged('venue reminders', VENUES_OUTBOX, compose, messenger);
}

export const venueReminderService = { queueTomorrow, run, runScheduled };
