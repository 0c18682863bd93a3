// One user's duty appointments, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing, per appointment found on `byOwner` (the booked ones; each then read and written by key, consistently):
//   1 an appointment on a shift not yet begun is cancelled through the cancel steps of appointmentSteps.ts
//     (intent on the shift, appointment cancelled, place given back), so the place is free to book again
//     └ crash → the cancel intent is left on the shift: a repeat (after the intent is stale) or the duty reconciler
//       settles it; a fresh intent of the user's answers 503, the closing stays queued and the job repeats it
//   2 the question is erased; a past appointment stays booked (the shift's figures), a cancelled one stays
//     cancelled; it leaves `byOwner`, so a retry no longer finds it   └ crash before → a retry repeats 1–2
// Step 2's condition refuses a booked appointment of a shift not yet begun, so nothing is erased that was not
// cancelled first.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DutyAppointment } from '../../../shared/api/services';
import { tableName } from '../../lib/db';
import { conditional } from '../../lib/dynamo';
import { NotFoundError } from '../../lib/errors';
import { failpoint } from '../../lib/faults';
import { appointmentService } from './appointmentService';
import { appointmentStore } from './appointmentStore';
import { appointmentKey, type AppointmentRecord } from './model';
import { toAppointmentView } from './views';

async function allOf(userId: string): Promise<AppointmentRecord[]> {
  const all: AppointmentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await appointmentStore.listMine(userId, 100, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Step 1: the place of an appointment on a shift not yet begun goes back to the shift. */
async function cancelIfUpcoming(shiftId: string, userId: string, now: number): Promise<void> {
  const current = await appointmentStore.get(shiftId, userId);
  if (current?.status !== 'booked' || Date.parse(current.startsAt) <= now) return;
  try {
    await appointmentService.cancel(shiftId, userId);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err; // NotFound: cancelled meanwhile (by them, or another closing)
  }
}

/** Step 2: the question erased, off the user's list; refused while it still holds a place on a future shift. */
function erasePerson(shiftId: string, userId: string, now: number): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: appointmentKey(shiftId, userId),
      UpdateExpression:
        'SET personErasedAt = if_not_exists(personErasedAt, :now) REMOVE question, ownerPk, ownerSk',
      ConditionExpression: 'userId = :uid AND (#status <> :booked OR startsAt <= :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':now': new Date(now).toISOString(), ':uid': userId, ':booked': 'booked' },
    }),
  );
}

/** Closing an account: steps 1–2 for each of the user's appointments. Returns how many were erased. */
async function closeFor(userId: string, now = Date.now()): Promise<number> {
  let erased = 0;
  for (const listed of await allOf(userId)) {
    await cancelIfUpcoming(listed.shiftId, userId, now);
    failpoint('account.duty.afterCancel');
    if (await erasePerson(listed.shiftId, userId, now)) erased++;
  }
  return erased;
}

/** The export: the user's appointments, as "my appointments" shows them. */
async function exportFor(userId: string): Promise<DutyAppointment[]> {
  return (await allOf(userId)).map((a) => toAppointmentView(a));
}

export const dutyAccountDataService = { closeFor, exportFor };
