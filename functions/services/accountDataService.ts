// One user's service requests, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing, per request found on `byOwner` (each one then read and written by key, consistently):
//   1 an open request (submitted, or accepted and not yet done) is withdrawn — the person who asked is gone, so
//     there is nobody left to serve; one conditional move from the status it was read in, with a history entry
//     (by requester, note 账号已注销). A staff move at the same instant wins or loses cleanly; a loss is re-read.
//     The dashboard counts it like any withdrawal (exactCounters: once per history step, retries count nothing).
//   2 the person is erased from the request (description and contact); item, status and history stay for the
//     figures; it leaves `byOwner`, so a retry no longer finds it   └ crash before → a retry repeats 1–2
// Step 2's condition refuses an open request, so nothing is erased that was not withdrawn first.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestStatus, ServiceRequest } from '../../shared/api/services';
import { CLOSED_ACCOUNT_NICKNAME } from '../../shared/api/users';
import { tableName } from '../lib/db';
import { countServiceRequestFigures } from '../lib/dashboardCounters';
import { conditional } from '../lib/dynamo';
import { failpoint } from '../lib/faults';
import { requestKey, type ServiceRequestRecord } from './model';
import { requestStore } from './requestStore';
import { toRequestView } from './views';

const OPEN: RequestStatus[] = ['submitted', 'accepted'];
export const CLOSED_ACCOUNT_NOTE = '账号已注销';

async function allOf(userId: string): Promise<ServiceRequestRecord[]> {
  const all: ServiceRequestRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await requestStore.listForUser(userId, 100, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Step 1: withdrawn unless it is done, declined or withdrawn already. The request as it ends up. */
async function withdrawIfOpen(id: string, userId: string, now: number): Promise<ServiceRequestRecord | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await requestStore.get(id);
    if (!current || current.userId !== userId || !OPEN.includes(current.status)) return current;
    const entry = {
      status: 'withdrawn' as const,
      at: new Date(now).toISOString(),
      userId,
      by: 'requester' as const,
      note: CLOSED_ACCOUNT_NOTE,
    };
    const moved = await requestStore.move(id, current.status, entry, userId);
    if (moved) return moved;
    // A staff move came first: read it again and decide on the status it left.
  }
  return requestStore.get(id);
}

/** Step 2: description and contact erased, off the user's list; refused while the request is open. */
function erasePerson(id: string, userId: string, now: number): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: requestKey(id),
      UpdateExpression:
        'SET description = :erased, personErasedAt = if_not_exists(personErasedAt, :now) REMOVE contact, ownerPk, ownerSk',
      ConditionExpression: 'userId = :uid AND NOT #status IN (:submitted, :accepted)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':erased': CLOSED_ACCOUNT_NICKNAME,
        ':now': new Date(now).toISOString(),
        ':uid': userId,
        ':submitted': 'submitted',
        ':accepted': 'accepted',
      },
    }),
  );
}

/** Closing an account: steps 1–2 for each of the user's requests. Returns how many were erased. */
async function closeFor(userId: string, now = Date.now()): Promise<number> {
  let erased = 0;
  for (const listed of await allOf(userId)) {
    const request = await withdrawIfOpen(listed.id, userId, now);
    // The dashboard counts the withdrawal as any other move (once per step of the history, so a retry of the
    // closing counts nothing twice). No message: the person it would tell is gone.
    if (request) await countServiceRequestFigures(request);
    failpoint('account.services.afterWithdrawn');
    if (request && (await erasePerson(request.id, userId, now))) erased++;
  }
  return erased;
}

/** The export: every request of the user, as "my requests" shows it. */
async function exportFor(userId: string): Promise<ServiceRequest[]> {
  return (await allOf(userId)).map(toRequestView);
}

export const servicesAccountDataService = { closeFor, exportFor };
