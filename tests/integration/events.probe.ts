// A probe on the store client for the events tests: counts the operations each flow sends, and can hold one flow
// (a request, a reconciler run) at a chosen point while others run — to interleave two finishers, or a recount and
// a cancellation, exactly. Flows are told apart with AsyncLocalStorage, which follows the SDK's middleware.
import { AsyncLocalStorage } from 'node:async_hooks';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { queryAll } from '../../functions/lib/dynamo';

export interface StoreOp {
  command: string;
  /** The sort key the operation names (its first key for a batch), e.g. `LEDGER`, `SIGNUP#u…`, `META`. */
  sk: string;
  /** The partition key it names, e.g. `EVENT#…`, `USER#…`, `STATS#…`. */
  pk: string;
  /** Items the store read to answer (a Query's ScannedCount, a GetItem's item, a BatchGetItem's items). */
  read: number;
}

interface Flow {
  ops: StoreOp[];
  hold?: { when: (next: StoreOp, done: StoreOp[]) => boolean; released: Promise<void>; reached: () => void };
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);
const flows = new AsyncLocalStorage<Flow>();
let installed: unknown = null;

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'S' in v ? String((v as { S: unknown }).S) : '';

function keyOf(input: Record<string, unknown>): { pk: string; sk: string } {
  const requestItems = input.RequestItems as Record<string, { Keys?: Record<string, unknown>[] }> | undefined;
  const key = (input.Key ?? input.Item ?? Object.values(requestItems ?? {})[0]?.Keys?.[0] ?? {}) as Record<
    string,
    unknown
  >;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  return { pk: text(key.pk ?? values[':pk']), sk: text(key.sk) };
}

function itemsRead(output: Record<string, unknown>): number {
  if (typeof output.ScannedCount === 'number') return output.ScannedCount;
  if ('Item' in output) return output.Item ? 1 : 0;
  const responses = output.Responses as Record<string, unknown[]> | undefined;
  return responses ? Object.values(responses).reduce((n, items) => n + items.length, 0) : 0;
}

/** Installs the probe on the current store client (call after `startTestApp()`, which makes a new one). */
export function installStoreProbe(): void {
  const client = db();
  if (installed === client) return;
  installed = client;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const flow = flows.getStore();
      if (flow) {
        const op = {
          command: String(context.commandName),
          ...keyOf(args.input as Record<string, unknown>),
          read: 0,
        };
        if (flow.hold?.when(op, flow.ops)) {
          const { released, reached } = flow.hold;
          flow.hold = undefined;
          reached();
          await released;
        }
        flow.ops.push(op);
        const result = await next(args);
        op.read = itemsRead(result.output as Record<string, unknown>);
        return result;
      }
      return next(args);
    },
    { step: 'build', name: 'eventsStoreProbe' },
  );
}

/** Runs `fn` as its own flow and returns its result with the operations it sent. */
export async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; ops: StoreOp[] }> {
  const flow: Flow = { ops: [] };
  const result = await flows.run(flow, fn);
  return { result, ops: flow.ops };
}

export const isWrite = (op: StoreOp) => WRITES.has(op.command);

/**
 * Starts `fn` as its own flow and holds it before the first operation for which `when` is true. `reached` resolves
 * once it is held (or has ended without being held), `release()` lets it go on, `done` is its outcome.
 */
export function heldFlow<T>(fn: () => Promise<T>, when: (next: StoreOp, done: StoreOp[]) => boolean) {
  let release!: () => void;
  let reachedResolve!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const reached = new Promise<void>((r) => (reachedResolve = r));
  const flow: Flow = { ops: [], hold: { when, released, reached: reachedResolve } };
  const done = flows.run(flow, fn);
  void done.then(reachedResolve, reachedResolve);
  return { reached, release, done, ops: flow.ops };
}

/** Holds a flow just before its first write (it has read what it will decide on). */
export const heldBeforeFirstWrite = <T>(fn: () => Promise<T>) => heldFlow(fn, (next) => isWrite(next));

/** Holds a flow just after its first `n` writes, before whatever it sends next. */
export const heldAfterWrites = <T>(fn: () => Promise<T>, n: number) =>
  heldFlow(fn, (_next, done) => done.filter(isWrite).length >= n);

/**
 * The seat figures of one event straight from its partition, whatever item holds them (the item that carries the
 * intents): seats taken, the waiting-list count, intents in flight, and what the signups say.
 */
export async function seatFigures(eventId: string) {
  const items = await queryAll({
    keyCondition: 'pk = :pk',
    values: { ':pk': `EVENT#${eventId}` },
    consistent: true,
  });
  const seats = items.find((i) => i.intents !== undefined)!;
  const capacity = seats.capacity as number;
  const signups = items.filter((i) => String(i.sk).startsWith('SIGNUP#'));
  const of = (status: string) => signups.filter((s) => s.status === status);
  return {
    seatItem: seats,
    capacity,
    seatsTaken: (seats.seatsTaken as number | undefined) ?? capacity - (seats.seatsFree as number),
    waitlistCount: seats.waitlistCount as number,
    intents: Object.keys(seats.intents as object).length,
    confirmedSeats: of('confirmed').reduce((n, s) => n + (s.seats as number), 0),
    confirmed: of('confirmed').map((s) => s.userId as string),
    waitlisted: of('waitlisted').map((s) => s.userId as string),
  };
}

/** Exact: no intent in flight, seats taken = confirmed seats ≤ capacity, the count = the waiting signups. */
export async function expectSeatsExact(eventId: string) {
  const f = await seatFigures(eventId);
  expect({ intents: f.intents, seatsTaken: f.seatsTaken, waitlistCount: f.waitlistCount }).toEqual({
    intents: 0,
    seatsTaken: f.confirmedSeats,
    waitlistCount: f.waitlisted.length,
  });
  expect(f.seatsTaken).toBeLessThanOrEqual(f.capacity);
  return f;
}

/** One item of the event's partition by sort key (e.g. `META`), read consistently. */
export async function partitionItem(eventId: string, sk: string) {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: { pk: `EVENT#${eventId}`, sk }, ConsistentRead: true }),
  );
  return Item;
}
