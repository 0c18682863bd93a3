// The seat ledger item (model.ts): every write is one conditional UpdateItem that bumps `rev`; the order in which
// the seat steps use them is in seatSteps.ts. Nothing here touches the event's text.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventStatus } from '../../shared/api/events';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning } from '../lib/dynamo';
import { ledgerFromItem, ledgerKey, ledgerToItem, type LedgerEdit, type SeatLedger } from './model';
import type { SeatIntent } from './seatIntent';

interface LedgerUpdate {
  set?: string[];
  remove?: string[];
  add?: string[];
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

const NAMES = {
  '#rev': 'rev',
  '#status': 'status',
  '#free': 'seatsFree',
  '#count': 'waitlistCount',
  '#intents': 'intents',
};

/** One conditional update of the ledger (always `ADD #rev :one`): the ledger as written, or null if refused. */
async function update(eventId: string, u: LedgerUpdate): Promise<SeatLedger | null> {
  const clauses = [
    u.set?.length ? `SET ${u.set.join(', ')}` : '',
    u.remove?.length ? `REMOVE ${u.remove.join(', ')}` : '',
    `ADD ${['#rev :one', ...(u.add ?? [])].join(', ')}`,
  ];
  const expression = clauses.filter(Boolean).join(' ');
  // DynamoDB refuses placeholders that the expressions do not use (one pass over them: this runs on every seat step).
  const tokens = new Set(`${expression} ${u.condition}`.match(/[#:]\w+/g));
  const used = (placeholders: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(placeholders).filter(([p]) => tokens.has(p)));
  const attributes = await conditionalReturning(
    new UpdateCommand({
      TableName: tableName(),
      Key: ledgerKey(eventId),
      UpdateExpression: expression,
      ConditionExpression: u.condition,
      ExpressionAttributeNames: used({ ...NAMES, ...u.names }) as Record<string, string>,
      ExpressionAttributeValues: used({ ':one': 1, ...u.values }),
      ReturnValues: 'ALL_NEW',
    }),
  );
  return attributes && ledgerFromItem(attributes);
}

/** What a new sign-up needs: open, not yet closed, the right kind of request, and no change of this user in flight. */
function signupGuard(intent: SeatIntent, youth: boolean, nowIso: string) {
  return {
    condition:
      '#status = :open AND #startsAt > :now AND (attribute_not_exists(#closes) OR #closes > :now) AND ' +
      `#kind ${youth ? '=' : '<>'} :youth AND attribute_not_exists(#intents.#user)`,
    names: { '#startsAt': 'startsAt', '#closes': 'signupClosesAt', '#kind': 'kind', '#user': intent.userId },
    values: { ':open': 'open', ':now': nowIso, ':youth': 'youth_education' },
  };
}

export const ledgerStore = {
  async create(ledger: SeatLedger): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: ledgerToItem(ledger),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(eventId: string): Promise<SeatLedger | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: ledgerKey(eventId), ConsistentRead: true }),
    );
    return Item ? ledgerFromItem(Item) : null;
  },

  /**
   * Join, step 1: take the seats and record the intent — only while the seats are free AND nobody is waiting
   * (the waiting list comes first), sign-up is open, and the request fits the event's kind. No read before it.
   */
  takeSeatsForJoin(eventId: string, intent: SeatIntent, youth: boolean, nowIso: string) {
    const guard = signupGuard(intent, youth, nowIso);
    return update(eventId, {
      set: ['#intents.#user = :tag'],
      add: ['#free :minus'],
      condition: `${guard.condition} AND #free >= :seats AND #count = :zero`,
      names: guard.names,
      values: {
        ...guard.values,
        ':tag': intent.tag,
        ':minus': -intent.seats,
        ':seats': intent.seats,
        ':zero': 0,
      },
    });
  },

  /**
   * A place on the waiting list: the next arrival number — only when the household may not be confirmed now (its
   * seats do not fit, or someone is already waiting), the event has a waiting list and the household fits the event.
   */
  takeWaitlistPlace(eventId: string, intent: SeatIntent, youth: boolean, nowIso: string, nowMs: number) {
    const guard = signupGuard(intent, youth, nowIso);
    return update(eventId, {
      set: ['#lastWaitlistedAt = :nowMs'],
      add: ['#waitSeq :one', '#count :one'],
      condition: `${guard.condition} AND #waitlist = :true AND #capacity >= :seats AND (#free < :seats OR #count > :zero)`,
      names: {
        ...guard.names,
        '#lastWaitlistedAt': 'lastWaitlistedAt',
        '#waitSeq': 'waitSeq',
        '#waitlist': 'waitlist',
        '#capacity': 'capacity',
      },
      values: { ...guard.values, ':nowMs': nowMs, ':true': true, ':seats': intent.seats, ':zero': 0 },
    });
  },

  /**
   * Gives back a waiting-list place whose signup was refused (the user already had one, e.g. a double tap): the
   * place number too while it is still the last one handed out, so no gap is left; otherwise only the count.
   */
  async releaseWaitlistPlace(eventId: string, seq: number) {
    const values = { ':minusOne': -1, ':seq': seq };
    return (
      (await update(eventId, {
        add: ['#count :minusOne', '#waitSeq :minusOne'],
        condition: '#waitSeq = :seq',
        names: { '#waitSeq': 'waitSeq' },
        values,
      })) ?? update(eventId, { add: ['#count :minusOne'], condition: 'attribute_exists(pk)', values })
    );
  },

  /** Promotion, step 1: take the seats for a waiting household and record the intent (until the event starts). */
  takeSeatsForPromotion(eventId: string, intent: SeatIntent, nowIso: string) {
    return update(eventId, {
      set: ['#intents.#user = :tag'],
      add: ['#free :minus'],
      condition:
        '#status <> :cancelled AND #startsAt > :now AND #free >= :seats AND attribute_not_exists(#intents.#user)',
      names: { '#startsAt': 'startsAt', '#user': intent.userId },
      values: {
        ':tag': intent.tag,
        ':minus': -intent.seats,
        ':seats': intent.seats,
        ':cancelled': 'cancelled',
        ':now': nowIso,
      },
    });
  },

  /** Cancellation or leaving the waiting list, step 1: record the intent (nothing changes yet). */
  recordIntent(eventId: string, intent: SeatIntent) {
    return update(eventId, {
      set: ['#intents.#user = :tag'],
      condition: 'attribute_exists(pk) AND attribute_not_exists(#intents.#user)',
      names: { '#user': intent.userId },
      values: { ':tag': intent.tag },
    });
  },

  /**
   * Last step of every seat change, or its undo: remove the intent with the counter changes that belong to it —
   * only while this very intent is still there, so it happens exactly once whoever finishes it.
   */
  settle(
    eventId: string,
    intent: SeatIntent,
    changes: { seatsFree?: number; waitlistCount?: number; waitHead?: number } = {},
  ) {
    const add = [changes.seatsFree ? '#free :free' : '', changes.waitlistCount ? '#count :count' : ''];
    const values: Record<string, unknown> = {
      ':tag': intent.tag,
      ':free': changes.seatsFree,
      ':count': changes.waitlistCount,
      ':head': changes.waitHead,
    };
    return update(eventId, {
      remove: ['#intents.#user'],
      set: changes.waitHead !== undefined ? ['#head = :head'] : [],
      add: add.filter(Boolean),
      condition: '#intents.#user = :tag',
      names: { '#user': intent.userId, ...(changes.waitHead !== undefined ? { '#head': 'waitHead' } : {}) },
      values,
    });
  },

  /**
   * Staff changes of seat settings, against the ledger as read: capacity only from the capacity read and only down
   * to the seats taken (free seats move with it), status only from the status read. Null when a condition failed.
   */
  edit(ledger: SeatLedger, changes: LedgerEdit) {
    const set: string[] = [];
    const remove: string[] = [];
    const add: string[] = [];
    const names: Record<string, string> = { '#capacity': 'capacity' };
    const values: Record<string, unknown> = { ':capacity': ledger.capacity, ':readStatus': ledger.status };
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#f_${field}`] = field;
      if (value === null) {
        remove.push(`#f_${field}`);
      } else {
        set.push(`#f_${field} = :f_${field}`);
        values[`:f_${field}`] = value;
      }
    }
    let condition = '#capacity = :capacity AND #status = :readStatus';
    if (changes.capacity !== undefined && changes.capacity !== ledger.capacity) {
      const delta = changes.capacity - ledger.capacity;
      add.push('#free :delta');
      values[':delta'] = delta;
      values[':needed'] = Math.max(0, -delta);
      condition += ' AND #free >= :needed';
    }
    return update(ledger.eventId, { set, remove, add, condition, names, values });
  },

  /** Moves the status on, only from one of `allowedFrom`. */
  setStatus(eventId: string, status: EventStatus, allowedFrom: EventStatus[]) {
    return update(eventId, {
      set: ['#status = :status'],
      condition: `#status IN (${allowedFrom.map((_, i) => `:from${i}`).join(', ')})`,
      values: { ':status': status, ...Object.fromEntries(allowedFrom.map((s, i) => [`:from${i}`, s])) },
    });
  },

  /** The reconciler: the ledger's copy of the start follows the event's (a crash can leave a PATCH half-written). */
  syncStartsAt(eventId: string, startsAt: string) {
    return update(eventId, {
      set: ['#startsAt = :startsAt'],
      condition: 'attribute_exists(pk)',
      names: { '#startsAt': 'startsAt' },
      values: { ':startsAt': startsAt },
    });
  },

  /**
   * Writes recounted figures, only if nothing touched the ledger since it was read and no seat change is in flight.
   * The caller has already refused figures that would put the seats taken above the capacity.
   */
  async writeRecount(
    ledger: SeatLedger,
    figures: { seatsFree: number; waitlistCount: number; waitHead: number },
  ): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: ledgerKey(ledger.eventId),
        UpdateExpression: 'SET #free = :free, #count = :count, #head = :head ADD #rev :one',
        ConditionExpression: '#rev = :rev AND size(#intents) = :zero AND #capacity = :capacity',
        ExpressionAttributeNames: {
          '#rev': 'rev',
          '#free': 'seatsFree',
          '#count': 'waitlistCount',
          '#intents': 'intents',
          '#head': 'waitHead',
          '#capacity': 'capacity',
        },
        ExpressionAttributeValues: {
          ':free': figures.seatsFree,
          ':count': figures.waitlistCount,
          ':head': figures.waitHead,
          ':rev': ledger.rev,
          ':zero': 0,
          ':capacity': ledger.capacity,
          ':one': 1,
        },
      }),
    );
  },
};
