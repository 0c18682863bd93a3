// A seat change in flight, as the seat ledger records it (see seatSteps.ts for the steps). The ledger keeps one short
// text per user — `<op><seats><minute>` — so that it stays small with a hundred changes in flight (issue 9 #5):
//   op      j join · p promote · c cancel a confirmed signup · l leave the waiting list
//   seats   1–9 (a household is at most 5)
//   minute  when it was recorded, in minutes since 2025-01-01 UTC, 4 base-62 digits (good until 2053)
// The text is also the intent's identity: every step that finishes or undoes it is conditional on exactly this text
// still being on the ledger, so it happens once, and a finisher holding an old copy changes nothing. Two intents of
// one user can only carry the same text if both were recorded in the same minute, and only stale intents (older than
// a request can live) are ever finished by anyone but their own request, so an old copy never matches a new intent.

export type SeatOp = 'join' | 'promote' | 'cancel' | 'leave';

export interface SeatIntent {
  userId: string;
  op: SeatOp;
  seats: number;
  /** The text stored on the ledger (and its identity). */
  tag: string;
}

const OP_CODES: Record<SeatOp, string> = { join: 'j', promote: 'p', cancel: 'c', leave: 'l' };
const OPS_BY_CODE = Object.fromEntries(Object.entries(OP_CODES).map(([op, code]) => [code, op])) as Record<
  string,
  SeatOp
>;
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const EPOCH_MS = Date.UTC(2025, 0, 1);
const MINUTE_MS = 60_000;
const MINUTE_DIGITS = 4;

/** A request lives at most the Lambda timeout (10 s); an intent older than this belongs to a dead request. */
export const STALE_INTENT_MS = 2 * 60 * 1000;

function minuteText(now: number): string {
  let minute = Math.max(0, Math.floor((now - EPOCH_MS) / MINUTE_MS));
  let text = '';
  for (let i = 0; i < MINUTE_DIGITS; i++) {
    text = DIGITS[minute % DIGITS.length] + text;
    minute = Math.floor(minute / DIGITS.length);
  }
  return text;
}

function minuteOf(text: string): number {
  let minute = 0;
  for (const ch of text) minute = minute * DIGITS.length + DIGITS.indexOf(ch);
  return minute;
}

export function newIntent(userId: string, op: SeatOp, seats: number, now = Date.now()): SeatIntent {
  if (!Number.isInteger(seats) || seats < 1 || seats > 9) throw new Error(`seat intent: bad seats ${seats}`);
  return { userId, op, seats, tag: `${OP_CODES[op]}${seats}${minuteText(now)}` };
}

export function parseIntent(userId: string, tag: string): SeatIntent {
  const op = OPS_BY_CODE[tag[0]];
  const seats = Number(tag[1]);
  if (!op || !(seats >= 1) || tag.length !== 2 + MINUTE_DIGITS)
    throw new Error(`seat intent: bad tag ${tag}`);
  return { userId, op, seats, tag };
}

/** The latest moment the intent can have been recorded (its minute's end), so age is never overestimated. */
export function recordedBy(intent: SeatIntent): number {
  return EPOCH_MS + (minuteOf(intent.tag.slice(2)) + 1) * MINUTE_MS;
}

/**
 * True when the intent's request is surely dead. `staleAfterMs` ≤ 0 treats every intent as stale: only for a test
 * that has just simulated a crash (no request is running).
 */
export function isStale(intent: SeatIntent, now: number, staleAfterMs = STALE_INTENT_MS): boolean {
  return staleAfterMs <= 0 || now - recordedBy(intent) >= staleAfterMs;
}
