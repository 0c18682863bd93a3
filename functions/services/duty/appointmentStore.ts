// Appointments on a shift: one item per user and shift, written only under conditions on its status and tag.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/db';
import { conditional, queryAll, queryCount, queryPage, type Page } from '../../lib/dynamo';
import {
  APPOINTMENT_PREFIX,
  USER_DUTY_PREFIX,
  appointmentFromItem,
  appointmentItem,
  appointmentKey,
  type AppointmentRecord,
} from './model';

const MAX_PER_SHIFT = 200;

export const appointmentStore = {
  async get(shiftId: string, userId: string): Promise<AppointmentRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: appointmentKey(shiftId, userId), ConsistentRead: true }),
    );
    return Item ? appointmentFromItem(Item) : null;
  },

  /** BOOK step 2: unless the user holds one, or the reconciler voided this very booking. */
  async putBooked(a: AppointmentRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: appointmentItem(a),
        ConditionExpression: 'attribute_not_exists(pk) OR (#status <> :booked AND intent <> :tag)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':booked': 'booked', ':tag': a.intent },
      }),
    );
  },

  /** The finisher's first move on a dead booking: from now on that booking can never be written. */
  async putVoid(shiftId: string, userId: string, tag: string, now: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: appointmentKey(shiftId, userId),
        UpdateExpression:
          'SET #type = :type, #status = :voided, intent = :tag, voidedAt = :now, shiftId = :sid, userId = :uid',
        ConditionExpression: 'attribute_not_exists(pk) OR (#status <> :booked AND intent <> :tag)',
        ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'duty_appointment',
          ':voided': 'voided',
          ':booked': 'booked',
          ':tag': tag,
          ':now': now,
          ':sid': shiftId,
          ':uid': userId,
        },
      }),
    );
  },

  /** CANCEL step 2: booked → cancelled by this cancel (it leaves "my appointments"). */
  async cancel(shiftId: string, userId: string, tag: string, now: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: appointmentKey(shiftId, userId),
        UpdateExpression:
          'SET #status = :cancelled, intent = :tag, cancelledAt = :now REMOVE ownerPk, ownerSk',
        ConditionExpression: '#status = :booked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':booked': 'booked',
          ':tag': tag,
          ':now': now,
        },
      }),
    );
  },

  /** The booked appointments of a shift, from the base table (staff list, recount). */
  async bookedOn(shiftId: string): Promise<AppointmentRecord[]> {
    return queryAll(
      {
        keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
        filter: '#status = :booked',
        names: { '#status': 'status' },
        values: { ':pk': `SHIFT#${shiftId}`, ':prefix': APPOINTMENT_PREFIX, ':booked': 'booked' },
        consistent: true,
        max: MAX_PER_SHIFT,
      },
      appointmentFromItem,
    );
  },

  async countBooked(shiftId: string): Promise<number> {
    return queryCount({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      filter: '#status = :booked',
      names: { '#status': 'status' },
      values: { ':pk': `SHIFT#${shiftId}`, ':prefix': APPOINTMENT_PREFIX, ':booked': 'booked' },
      consistent: true,
    });
  },

  /** My booked appointments, soonest shift first. */
  async listMine(userId: string, limit: number, cursor?: string): Promise<Page<AppointmentRecord>> {
    const pk = `USER#${userId}`;
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :pk AND begins_with(ownerSk, :prefix)',
        values: { ':pk': pk, ':prefix': USER_DUTY_PREFIX },
        limit,
        cursor,
        scope: `duty.appointmentsOf|${pk}`,
      },
      appointmentFromItem,
    );
  },
};
