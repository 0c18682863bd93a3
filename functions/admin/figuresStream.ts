// One reader of the table's stream for every dashboard figure kept off the request path. DynamoDB Streams throttles
// more than two readers of a shard, so the figures share one function (serverless: countFigures) instead of one each:
// each record goes to the counter of its item, in order —
//   signup items (`SIGNUP#…` sort keys)   → events/signupFigures.ts  (sign-ups, children, participants)
//   a visit's history item, first write  → spaces/visitFigures.ts   (the space's day, check-ins, visitors)
//   a code's item (`CODE#…`)             → alliance/claimFigures.ts (claims, redemptions, merchants)
// Each counter reports the records it could not take (from its first failure on). The batch is reported failed from
// the earliest of those in the batch's own order, so Lambda delivers from there again; the records after it that were
// counted already count nothing again (every counter counts once per subject, whatever the redeliveries).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { countClaimRecords } from '../alliance/claimFigures';
import { countSignupRecords } from '../events/signupFigures';
import { countVisitRecords } from '../spaces/visitFigures';

export interface FigureStreamRecord {
  eventName?: string;
  dynamodb?: {
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
  };
}

type Counter = (
  records: FigureStreamRecord[],
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const keyOf = (record: FigureStreamRecord, name: 'pk' | 'sk') => record.dynamodb?.Keys?.[name]?.S ?? '';

/** Which counter takes a record (the same rules as the function's filter patterns, functions.yml). */
export const FIGURE_COUNTERS: { name: string; takes: (r: FigureStreamRecord) => boolean; count: Counter }[] =
  [
    { name: 'signups', takes: (r) => keyOf(r, 'sk').startsWith('SIGNUP#'), count: countSignupRecords },
    {
      name: 'visits',
      takes: (r) => r.eventName === 'INSERT' && keyOf(r, 'pk').startsWith('SPACECHECKIN#'),
      count: countVisitRecords,
    },
    { name: 'claims', takes: (r) => keyOf(r, 'pk').startsWith('CODE#'), count: countClaimRecords },
  ];

export async function countFigureRecords(
  records: FigureStreamRecord[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const firstFailures = await Promise.all(
    FIGURE_COUNTERS.map(async (counter) => {
      const mine = records.flatMap((record, index) => (counter.takes(record) ? [{ record, index }] : []));
      if (mine.length === 0) return records.length;
      const { batchItemFailures } = await counter.count(mine.map((m) => m.record));
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      const first = mine.find((m) => failed.has(m.record.dynamodb?.SequenceNumber ?? ''));
      return first ? first.index : records.length;
    }),
  );
  const from = Math.min(...firstFailures);
  return {
    batchItemFailures: records.slice(from).map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
  };
}
