// The waiting list in arrival order: one small entry per place (model.ts, `WAIT#<seq>` in the event's partition),
// read from the base table with ConsistentRead — a promotion never decides on an index that may lag. An entry is
// written after its waitlisted signup and removed after the signup leaves the list (seatSteps.ts).
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditional, queryAll, queryPage } from '../lib/dynamo';
import {
  eventKey,
  waitEntryFromItem,
  waitEntryKey,
  waitEntryToItem,
  waitSk,
  WAIT_SK_PREFIX,
  type WaitEntry,
} from './model';

const fromPlace = (eventId: string, seq: number) => ({
  keyCondition: 'pk = :pk AND sk BETWEEN :from AND :to',
  values: { ':pk': eventKey(eventId).pk, ':from': waitSk(seq), ':to': `${WAIT_SK_PREFIX}~` },
  consistent: true,
});

export const waitlistStore = {
  /** Writes the entry unless it is there already (a repair and the join may both write it). */
  put(entry: WaitEntry): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: waitEntryToItem(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async remove(eventId: string, seq: number): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: waitEntryKey(eventId, seq) }));
  },

  /** At most `limit` entries from place `seq` on, in arrival order: what one round of promotion may walk. */
  async from(eventId: string, seq: number, limit: number): Promise<WaitEntry[]> {
    return (
      await queryPage({ ...fromPlace(eventId, seq), limit, scope: `waitlist|${eventId}` }, waitEntryFromItem)
    ).items;
  },

  /** The place of the first household still on the list (or one past the last place if nobody is). */
  async head(eventId: string, from: number, tail: number): Promise<number> {
    const [first] = await waitlistStore.from(eventId, from, 1);
    return first ? first.seq : tail + 1;
  },

  /** Every entry (the reconciler's check of the list against the signups). */
  all(eventId: string): Promise<WaitEntry[]> {
    return queryAll(fromPlace(eventId, 0), waitEntryFromItem);
  },
};
