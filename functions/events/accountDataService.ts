// One user's events data, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing, per signup found on `byOwner` (each one then read and written by key, consistently):
//   1 an active signup of an event not yet started is cancelled through the one cancel path (signupService.cancelMine:
//     the seat steps of seatSteps.ts, then promotion), so its seats go to the waiting list exactly as on a tap
//     └ crash → the signup is still active (a retry repeats 1), or cancelled with its intent left on the ledger (the
//       finisher — the retry's own cancel, or the reconciler — completes it and promotes)
//   2 the reminder outbox items of its activation lose their openid (the sender skips an item without one)
//   3 the person is erased from the signup (nickname, call-out name, openid, guardian phone, children); status, seats
//     and attendance stay for the figures; it leaves `byOwner`, so a retry no longer finds it
//     └ crash before → a retry repeats 1–3
// Every step is conditional or idempotent: a retry, or two closings at once, change each signup once.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SignupView } from '../../shared/api/events';
import { CLOSED_ACCOUNT_NICKNAME } from '../../shared/api/users';
import { tableName } from '../lib/db';
import { conditional } from '../lib/dynamo';
import { NotFoundError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { eventStore } from './eventStore';
import { isActive, type SignupRecord } from './model';
import { outboxIdOf, outboxKey, type ReminderKind } from './reminders/model';
import { signupService } from './signupService';
import { signupStore } from './signupStore';
import { toOwnSignupView } from './views';

const REMINDER_KINDS: ReminderKind[] = ['event_confirmed', 'event_promoted'];

/** Step 1: cancels the signup if it is active and its event has not started (seats to the waiting list). */
async function cancelIfUpcoming(signup: SignupRecord, now: number): Promise<void> {
  const current = await signupStore.get(signup.eventId, signup.userId);
  if (!isActive(current)) return;
  const ledger = (await eventStore.getLedgers([signup.eventId])).get(signup.eventId);
  if (ledger && ledger.status !== 'cancelled' && now >= Date.parse(ledger.startsAt)) return; // under way or past
  try {
    await signupService.cancelMine(signup.eventId, signup.userId);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err; // NotFound: cancelled meanwhile (another closing), or no event
  }
}

/** Step 2: the openid leaves the reminder outbox items of this activation (absent items are left absent). */
async function forgetReminders(signup: SignupRecord): Promise<void> {
  for (const kind of REMINDER_KINDS) {
    await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKey(outboxIdOf(kind, signup.attempt)),
        UpdateExpression: 'REMOVE openid',
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }
}

/** Closing an account: steps 1–3 above for each of the user's signups. Returns how many signups were erased. */
async function closeFor(userId: string, now = Date.now()): Promise<number> {
  const signups = await signupStore.allByOwner(userId);
  for (const signup of signups) {
    await cancelIfUpcoming(signup, now);
    failpoint('account.events.afterCancel');
    await forgetReminders(signup);
    await signupStore.erasePerson(
      signup.eventId,
      userId,
      new Date(now).toISOString(),
      CLOSED_ACCOUNT_NICKNAME,
    );
  }
  return signups.length;
}

/** The export: every signup of the user as they see it, with the children while they are kept. */
async function exportFor(userId: string): Promise<Array<SignupView & { guardianPhone?: string }>> {
  const signups = await signupStore.allByOwner(userId);
  return signups.map((signup) => {
    const { ticket: _ticket, ...view } = toOwnSignupView({ signup });
    return { ...view, ...(signup.guardianPhone ? { guardianPhone: signup.guardianPhone } : {}) };
  });
}

export const accountDataService = { closeFor, exportFor };
