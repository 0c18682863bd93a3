// Slot items: one per (venue, half hour) that a booking holds. Taking one is a conditional put (free, or already
// this booking's, so a retry takes it again harmlessly); giving one back is a conditional delete (only while it is
// this booking's, so a retry or a second releaser never frees another booking's hold).
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import { slotKey, slotStartOf } from './model';

export interface HeldSlot {
  venueId: string;
  slotStart: string;
  holder: string;
}

export const slotStore = {
  /** True when the slot is now held by `bookingId` (taken now, or it already was). */
  take(venueId: string, slotStart: string, bookingId: string, at: string): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: { ...slotKey(venueId, slotStart), type: 'venueSlot', venueId, holder: bookingId, at },
        ConditionExpression: 'attribute_not_exists(pk) OR holder = :me',
        ExpressionAttributeValues: { ':me': bookingId },
      }),
    );
  },

  /** True when this call freed the slot; false when it was free already or held by another booking. */
  release(venueId: string, slotStart: string, bookingId: string): Promise<boolean> {
    return conditional(
      new DeleteCommand({
        TableName: tableName(),
        Key: slotKey(venueId, slotStart),
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': bookingId },
      }),
    );
  },

  /** A venue's held slots from `fromIso` on (the reconciler and the tests' audit; never on a request path). */
  heldIn(venueId: string, fromIso = ''): Promise<HeldSlot[]> {
    return queryAll(
      {
        keyCondition: 'pk = :pk AND sk BETWEEN :from AND :to',
        values: { ':pk': `VENUE#${venueId}`, ':from': `SLOT#${fromIso}`, ':to': 'SLOT#\uffff' },
        consistent: true,
        max: 100_000,
      },
      (item) => ({
        venueId,
        slotStart: slotStartOf(item.sk as string),
        holder: item.holder as string,
      }),
    );
  },
};
