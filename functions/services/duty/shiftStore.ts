// Duty shifts: the counter item of the appointment invariant. Every write adds 1 to `rev`, so a recount can tell
// that nothing moved while it counted.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/db';
import { conditional, conditionalReturning, queryAll } from '../../lib/dynamo';
import { DUTY_FEED, shiftFromItem, shiftItem, shiftKey, type Intent, type ShiftRecord } from './model';

const MAX_SHIFTS_IN_RANGE = 500;

/** A change of the shift conditional on the user's intent being exactly this one, then gone. */
function settleCommand(shiftId: string, intent: Intent, bookedDelta: number) {
  return new UpdateCommand({
    TableName: tableName(),
    Key: shiftKey(shiftId),
    UpdateExpression: `${bookedDelta ? 'SET booked = booked + :delta ' : ''}REMOVE intents.#u ADD rev :one`,
    ConditionExpression: 'intents.#u = :tag',
    ExpressionAttributeNames: { '#u': intent.userId },
    ExpressionAttributeValues: {
      ':tag': intent.tag,
      ':one': 1,
      ...(bookedDelta ? { ':delta': bookedDelta } : {}),
    },
  });
}

export const shiftStore = {
  async create(shift: ShiftRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: shiftItem(shift),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(id: string): Promise<ShiftRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: shiftKey(id), ConsistentRead: true }),
    );
    return Item ? shiftFromItem(Item) : null;
  },

  /** Shifts starting in [from, to), by start time (an index read: for showing, never for deciding). */
  async listStarting(from: string, to: string): Promise<ShiftRecord[]> {
    return queryAll(
      {
        index: 'byFeed',
        keyCondition: 'feedPk = :pk AND feedSk BETWEEN :from AND :to',
        values: { ':pk': DUTY_FEED, ':from': from, ':to': `${to}` },
        max: MAX_SHIFTS_IN_RANGE,
      },
      shiftFromItem,
    );
  },

  /** BOOK step 1: one place and the intent, while a place is free, the shift not over and no change of the user's is in flight. */
  async takePlace(shiftId: string, intent: Intent, now: string): Promise<ShiftRecord | null> {
    const item = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: shiftKey(shiftId),
        UpdateExpression: 'SET booked = booked + :one, intents.#u = :tag ADD rev :one',
        ConditionExpression: 'booked < #capacity AND endsAt > :now AND attribute_not_exists(intents.#u)',
        ExpressionAttributeNames: { '#u': intent.userId, '#capacity': 'capacity' },
        ExpressionAttributeValues: { ':one': 1, ':tag': intent.tag, ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return item ? shiftFromItem(item) : null;
  },

  /** CANCEL step 1: the intent alone (no place moves yet), while the shift is not over. */
  async recordIntent(shiftId: string, intent: Intent, now: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: shiftKey(shiftId),
        UpdateExpression: 'SET intents.#u = :tag ADD rev :one',
        ConditionExpression: 'attribute_exists(pk) AND endsAt > :now AND attribute_not_exists(intents.#u)',
        ExpressionAttributeNames: { '#u': intent.userId },
        ExpressionAttributeValues: { ':tag': intent.tag, ':one': 1, ':now': now },
      }),
    );
  },

  /** The last step of a booking or cancel, or the undo of a booking: once, by whoever gets there first. */
  async settle(shiftId: string, intent: Intent, bookedDelta = 0): Promise<boolean> {
    return conditional(settleCommand(shiftId, intent, bookedDelta));
  },

  /** Recount: only if nothing wrote the shift since it was read and no change is in flight. */
  async writeBooked(shift: ShiftRecord, booked: number): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: shiftKey(shift.id),
        UpdateExpression: 'SET booked = :booked ADD rev :one',
        ConditionExpression: 'rev = :rev AND size(intents) = :zero',
        ExpressionAttributeValues: { ':booked': booked, ':rev': shift.rev, ':zero': 0, ':one': 1 },
      }),
    );
  },

  /** Staff remove a shift nobody has booked (and nobody is booking). */
  async removeUnbooked(id: string): Promise<boolean> {
    return conditional(
      new DeleteCommand({
        TableName: tableName(),
        Key: shiftKey(id),
        ConditionExpression: 'booked = :zero AND size(intents) = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  },
};
