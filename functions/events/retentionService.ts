// Retention of children's data (PIPL art. 19, 31): the names and ages on youth-education signups are erased 30 days
// after the event ended; the signup keeps its seats, status and attendance, so every figure stays. Scheduled daily
// (functions.yml, reserved concurrency 1); `now` can be set (tests, a manual run).
//   1 each signup of a finished youth event: participants → [], participantsErasedAt   IF it still has participants
//     └ crash → the event is not marked yet: the next run erases the rest (an erased signup's condition fails)
//   2 the event: childrenErasedAt                      └ crash before → the next run repeats 1 (no-op) and 2
// The work list is a Query of the youth events' feed (by start time) filtered on the end and the mark; every write is
// conditional, so two runs at once, or a run repeated, erase each signup once.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import { failpoint } from '../lib/faults';
import { logger } from '../lib/logger';
import { eventFromItem, eventKey, feedPkFor, type EventRecord } from './model';
import { signupStore } from './signupStore';

export const CHILDREN_DATA_RETENTION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** Youth events that ended before `cutoffIso` and whose children's data is not yet erased. */
function finishedYouthEvents(cutoffIso: string): Promise<EventRecord[]> {
  return queryAll(
    {
      index: 'byFeed',
      keyCondition: 'feedPk = :pk AND feedSk < :cutoff',
      filter: 'endsAt <= :cutoff AND attribute_not_exists(childrenErasedAt)',
      values: { ':pk': feedPkFor('youth_education'), ':cutoff': cutoffIso },
    },
    eventFromItem,
  );
}

function markErased(eventId: string, nowIso: string): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: eventKey(eventId),
      UpdateExpression: 'SET childrenErasedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(childrenErasedAt)',
      ExpressionAttributeValues: { ':now': nowIso },
    }),
  );
}

export interface RetentionReport {
  events: number;
  signupsErased: number;
}

/** Steps 1–2 for every youth event that ended more than 30 days before `now`. */
async function eraseExpiredChildrenData(options: { now?: number } = {}): Promise<RetentionReport> {
  const now = options.now ?? Date.now();
  const nowIso = new Date(now).toISOString();
  const cutoff = new Date(now - CHILDREN_DATA_RETENTION_DAYS * DAY_MS).toISOString();
  const report: RetentionReport = { events: 0, signupsErased: 0 };
  for (const event of await finishedYouthEvents(cutoff)) {
    for (const signup of await signupStore.allByEvent(event.id)) {
      if (signup.participants.length === 0) continue;
      if (await signupStore.eraseParticipants(event.id, signup.userId, nowIso)) report.signupsErased++;
      failpoint('events.retention.afterSignupErased');
    }
    await markErased(event.id, nowIso);
    report.events++;
  }
  return report;
}

/** The scheduled run (daily, functions.yml). */
async function runScheduled(): Promise<RetentionReport> {
  const report = await eraseExpiredChildrenData();
  logger.info('children data retention', { ...report });
  return report;
}

export const retentionService = { eraseExpiredChildrenData, runScheduled };
