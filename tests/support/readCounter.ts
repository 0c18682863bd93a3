// Items read, counted by a middleware on the store client: a Query's ScannedCount (items looked at, before any
// filter; a COUNT query too), a GetItem's item, a BatchGet's items. Writes are not counted, nor are the items a
// conditional write returns. For the read-count tests and benches (tests/integration/*reads*.test.ts).
import { db } from '../../functions/lib/db';

export interface ReadCounter {
  /** Starts counting afresh. */
  reset(): void;
  /** Items read since the last reset. */
  readonly total: number;
}

/**
 * Installs the counting middleware on the current store client (once per client: a new client, after
 * resetDbClient, needs a new counter).
 */
export function countReads(): ReadCounter {
  let total = 0;
  db().middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as {
        ScannedCount?: number;
        Item?: unknown;
        Responses?: Record<string, unknown[]>;
      };
      if (typeof output.ScannedCount === 'number') total += output.ScannedCount;
      else if ('Item' in output) total += output.Item ? 1 : 0;
      else if (output.Responses) for (const items of Object.values(output.Responses)) total += items.length;
      return result;
    },
    { step: 'initialize', name: 'countReads' },
  );
  return {
    reset: () => {
      total = 0;
    },
    get total() {
      return total;
    },
  };
}
