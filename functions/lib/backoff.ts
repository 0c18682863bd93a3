// Waiting before the next try of something busy (a slot another request holds, keys the store left unprocessed):
// exponential backoff with full jitter, so that many waiters spread out instead of retrying in step.

export interface BackoffOptions {
  /** The largest jitter of the first try after a failure; doubled each attempt. */
  baseMs: number;
  /** The jitter never exceeds this (no cap when absent). */
  capMs?: number;
  /** Added to every pause (the least wait). */
  floorMs?: number;
}

/**
 * The pause before the retry that follows failed try `attempt` (0 for the first): `floorMs` plus a random part of
 * `min(capMs, baseMs · 2^attempt)`. `random` is Math.random unless a test gives its own.
 */
export function backoffMs(
  attempt: number,
  { baseMs, capMs = Infinity, floorMs = 0 }: BackoffOptions,
  random: () => number = Math.random,
): number {
  return floorMs + random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/** Waits backoffMs(attempt, options). */
export function pause(attempt: number, options: BackoffOptions): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, options)));
}
