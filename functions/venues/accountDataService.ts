// One user's venue bookings, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing, per booking found on `byOwner` (each one then read and written by key, consistently):
//   1 a claiming booking (a request in flight as the account closed) is settled first, through the slot steps'
//     own finisher (settleStale with no lease: it confirms or rolls back; the request and it can run at once)
//   2 a pending or approved booking whose time has not begun is cancelled through the one close path of
//     slotSteps.ts (status cancelled, then each slot given back, then released), so the time is free to book
//     └ crash after the status → the booking is in the releasing phase: step 3 (or the venues reconciler) frees it
//   3 a closed booking whose slots are not all given back is released (releaseAll, conditional per slot)
//   4 the person is erased from the booking (purpose and organisation); its time, status and attendees stay for the
//     figures; it leaves `byOwner`, so a retry no longer finds it   └ crash before → a retry repeats 1–4
// Step 4's condition refuses a booking that still holds future time, so nothing is erased that was not cancelled.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Booking } from '../../shared/api/venues';
import { CLOSED_ACCOUNT_NICKNAME } from '../../shared/api/users';
import { tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import { failpoint } from '../lib/faults';
import { bookingStore } from './bookingStore';
import { ACTIVE_STATUSES, CLOSED_STATUSES, bookingFromItem, bookingKey, type BookingRecord } from './model';
import { close, releaseAll, settleStale } from './slotSteps';
import { toBooking } from './views';

/** Every booking of the user, whatever its status (claiming ones included: they may still become pending). */
function allOf(userId: string): Promise<BookingRecord[]> {
  return queryAll(
    {
      index: 'byOwner',
      keyCondition: 'ownerPk = :o AND begins_with(ownerSk, :b)',
      values: { ':o': `USER#${userId}`, ':b': 'BOOKING#' },
      max: 10_000,
    },
    bookingFromItem,
  );
}

/** Steps 1–3: the booking holds no future time any more (or its time has begun). The booking as it ends up. */
async function freeFutureTime(listed: BookingRecord, now: number): Promise<BookingRecord | null> {
  let booking = await bookingStore.get(listed.id);
  if (booking?.status === 'claiming') {
    await settleStale(booking, now, 0);
    booking = await bookingStore.get(listed.id);
  }
  if (!booking) return null;
  if (ACTIVE_STATUSES.includes(booking.status) && Date.parse(booking.startsAt) > now) {
    const cancelled = await close(booking, 'cancelled', ACTIVE_STATUSES, {}, now);
    failpoint('account.venues.afterCancel');
    booking = cancelled ?? (await bookingStore.get(listed.id));
  }
  if (booking && CLOSED_STATUSES.includes(booking.status) && !booking.released) {
    await releaseAll(booking);
    booking = { ...booking, released: true };
  }
  return booking;
}

/** Step 4: purpose and organisation erased, off the user's list; refused while the booking holds future time. */
function erasePerson(booking: BookingRecord, now: number): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: bookingKey(booking.id),
      UpdateExpression:
        'SET purpose = :erased, organisation = :erased, personErasedAt = if_not_exists(personErasedAt, :now) REMOVE ownerPk, ownerSk',
      ConditionExpression:
        'userId = :uid AND #status <> :claiming AND (NOT #status IN (:pending, :approved) OR startsAt <= :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':erased': CLOSED_ACCOUNT_NICKNAME,
        ':now': new Date(now).toISOString(),
        ':uid': booking.userId,
        ':claiming': 'claiming',
        ':pending': 'pending',
        ':approved': 'approved',
      },
    }),
  );
}

/** Closing an account: steps 1–4 for each of the user's bookings. Returns how many bookings were erased. */
async function closeFor(userId: string, now = Date.now()): Promise<number> {
  let erased = 0;
  for (const listed of await allOf(userId)) {
    const booking = await freeFutureTime(listed, now);
    if (!booking || booking.userId !== userId) continue;
    if (await erasePerson(booking, now)) erased++;
  }
  return erased;
}

/** The export: every booking the user can see in "my bookings" (a failed claim was never theirs to see). */
async function exportFor(userId: string): Promise<Booking[]> {
  return (await allOf(userId)).filter((b) => b.status !== 'claiming' && b.status !== 'failed').map(toBooking);
}

export const venuesAccountDataService = { closeFor, exportFor };
