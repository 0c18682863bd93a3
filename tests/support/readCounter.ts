// Items read, counted by a middleware on the store client: a Query's ScannedCount (items looked at, before any
// filter; a COUNT query too), a GetItem's item, a BatchGet's items. Writes are not counted, nor are the items a
// conditional write returns. For the read-count tests and benches (tests/integration/*reads*.test.ts). Beside the
// count, the size of the items returned (their JSON, as the document client gives them): what DynamoDB charges a read
// by grows with it, so a route can read a constant number of items and still read more and more bytes.
import { db } from '../../functions/lib/db';

export interface ReadCounter {
  /** Starts counting afresh. */
  reset(): void;
  /** Items read since the last reset. */
  readonly total: number;
  /** Bytes of the items returned since the last reset (JSON; a projection returns less than DynamoDB charges). */
  readonly bytes: number;
}

const size = (items: unknown[]) =>
  items.reduce<number>((sum, item) => sum + Buffer.byteLength(JSON.stringify(item, setsAsArrays)), 0);
const setsAsArrays = (_key: string, value: unknown) => (value instanceof Set ? [...value] : value);

/**
 * Installs the counting middleware on the current store client (once per client: a new client, after
 * resetDbClient, needs a new counter).
 */
export function countReads(): ReadCounter {
  let total = 0;
  let bytes = 0;
  db().middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as {
        ScannedCount?: number;
        Item?: unknown;
        Items?: unknown[];
        Responses?: Record<string, unknown[]>;
      };
      if (output.Items) bytes += size(output.Items);
      if (output.Item) bytes += size([output.Item]);
      for (const items of Object.values(output.Responses ?? {})) bytes += size(items);
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
      bytes = 0;
    },
    get total() {
      return total;
    },
    get bytes() {
      return bytes;
    },
  };
}
