// Booking items. A booking is written first, in status `claiming`, as the intent of its slot claims; every later
// change of status is one conditional update from the statuses it may leave, so each happens once.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName, db } from '../lib/db';
import { conditional, conditionalReturning, queryAll, queryPage, type Page } from '../lib/dynamo';
import {
  bookingFromItem,
  bookingItem,
  bookingKey,
  bookingPhaseFeed,
  phaseOf,
  venueBookingsQueue,
  type BookingPhase,
  type BookingRecord,
  type StoredBookingStatus,
} from './model';

/** Statuses a person may see (a claiming or failed booking is nobody's business). */
const VISIBLE = { ':p': 'pending', ':a': 'approved', ':d': 'declined', ':c': 'cancelled' };
const VISIBLE_FILTER = '#status IN (:p, :a, :d, :c)';

export interface Transition {
  to: StoredBookingStatus;
  reason?: string;
  decidedBy?: string;
}

export const bookingStore = {
  /** Writes the intent; false when a booking with this id exists already (a retry of the same request). */
  putIntent(booking: BookingRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: bookingItem(booking),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(id: string, consistent = true): Promise<BookingRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: bookingKey(id), ConsistentRead: consistent }),
    );
    return Item ? bookingFromItem(Item) : null;
  },

  /** Moves the booking to `change.to` if its status is one of `from`; the new record, or null if it was not. */
  async transition(
    id: string,
    from: StoredBookingStatus[],
    change: Transition,
    now: number,
  ): Promise<BookingRecord | null> {
    const released = !['declined', 'cancelled', 'failed'].includes(change.to);
    const values: Record<string, unknown> = {
      ':to': change.to,
      ':released': released,
      ':feed': bookingPhaseFeed(phaseOf(change.to, released)),
      ':now': now,
    };
    const sets = ['#status = :to', 'released = :released', 'feedPk = :feed', 'changedAt = :now'];
    if (change.reason !== undefined) {
      values[':reason'] = change.reason;
      sets.push('reason = :reason');
    }
    if (change.decidedBy !== undefined) {
      values[':by'] = change.decidedBy;
      sets.push('decidedBy = :by');
    }
    from.forEach((status, i) => (values[`:from${i}`] = status));
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: bookingKey(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? bookingFromItem(attributes) : null;
  },

  /** Records that every slot of a closed booking was given back (it leaves the reconciler's list). */
  markReleased(booking: BookingRecord): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: bookingKey(booking.id),
        UpdateExpression: 'SET released = :yes, feedPk = :feed',
        ConditionExpression: '#status = :status AND released = :no',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':yes': true,
          ':no': false,
          ':status': booking.status,
          ':feed': bookingPhaseFeed(booking.status),
        },
      }),
    );
  },

  /** Every booking in a phase (the reconciler's work lists; read on the index, then re-read before acting). */
  inPhase(phase: BookingPhase): Promise<BookingRecord[]> {
    return queryAll(
      {
        index: 'byFeed',
        keyCondition: 'feedPk = :p',
        values: { ':p': bookingPhaseFeed(phase) },
        max: 10_000,
      },
      bookingFromItem,
    );
  },

  /** Approved bookings starting in [fromIso, toIso) (the reminder job; read on the index, re-read when sent). */
  approvedStarting(fromIso: string, toIso: string): Promise<BookingRecord[]> {
    return queryAll(
      {
        index: 'byFeed',
        keyCondition: 'feedPk = :p AND feedSk BETWEEN :from AND :to',
        values: { ':p': bookingPhaseFeed('approved'), ':from': fromIso, ':to': toIso },
        max: 10_000,
      },
      bookingFromItem,
    );
  },

  /** Staff queue: the bookings with this status, by start time. */
  pageInPhase(phase: BookingPhase, limit: number, cursor?: string): Promise<Page<BookingRecord>> {
    return queryPage(
      {
        index: 'byFeed',
        keyCondition: 'feedPk = :p',
        values: { ':p': bookingPhaseFeed(phase) },
        limit,
        cursor,
      },
      bookingFromItem,
    );
  },

  /** The booker's bookings, newest first. */
  pageOfUser(userId: string, limit: number, cursor?: string): Promise<Page<BookingRecord>> {
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :o AND begins_with(ownerSk, :b)',
        filter: VISIBLE_FILTER,
        names: { '#status': 'status' },
        values: { ':o': `USER#${userId}`, ':b': 'BOOKING#', ...VISIBLE },
        newestFirst: true,
        limit,
        cursor,
      },
      bookingFromItem,
    );
  },

  /** A venue's visible bookings starting in [fromIso, toIso); the range is bounded by the caller (≤ 31 days). */
  ofVenueBetween(venueId: string, fromIso: string, toIso: string): Promise<BookingRecord[]> {
    return queryAll(
      {
        index: 'byQueue',
        keyCondition: 'queuePk = :q AND queueSk BETWEEN :from AND :to',
        filter: VISIBLE_FILTER,
        names: { '#status': 'status' },
        values: { ':q': venueBookingsQueue(venueId), ':from': fromIso, ':to': toIso, ...VISIBLE },
        max: 5_000,
      },
      bookingFromItem,
    );
  },
};
