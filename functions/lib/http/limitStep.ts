// Per-user rate limits as one step of a route (functions/lib/rateLimit.ts holds the sliding window).
//   attempts: every valid, non-replayed request takes a slot before the work; a full window answers 429.
//   failures: only replies whose status is listed take a slot (after the work); once the window is full every
//             request of that kind answers 429 before any input is read, so guessing stops (e.g. redemption codes).
// The slot is taken with a conditional write, so concurrent requests never exceed the limit of counted replies.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RateLimitedError } from '../errors';
import { checkRateLimit, consumeRateLimit, type RateLimit } from '../rateLimit';

export interface RouteLimit {
  bucket: string;
  limit: number;
  windowSeconds: number;
  /** Chinese, shown to the user with the 429. */
  message: string;
  /** Count only replies with these statuses (a failure limit); absent: count every attempt. */
  counts?: readonly number[];
}

/** An attempt limit over a day (24 hours, sliding): what holds shared time or fills a staff queue. */
export const attemptsPerDay = (bucket: string, limit: number, message: string): RouteLimit => ({
  bucket,
  limit,
  windowSeconds: 86400,
  message,
});

const ruleFor = (limit: RouteLimit, userId: string): RateLimit => ({
  bucket: limit.bucket,
  subject: userId,
  limit: limit.limit,
  windowSeconds: limit.windowSeconds,
  message: limit.message,
});

/** Before the input is read: a failure limit whose window is full refuses at once. */
export async function limitGate(limit: RouteLimit | undefined, userId: string | undefined): Promise<void> {
  if (limit?.counts && userId) await checkRateLimit(ruleFor(limit, userId));
}

/**
 * Before the work: an attempt limit takes its slot — once per Idempotency-Key (`requestKey`): a run of the same key
 * again (after a 503 or a crash) keeps the first run's slot.
 */
export async function limitAttempt(
  limit: RouteLimit | undefined,
  userId: string | undefined,
  requestKey?: string,
): Promise<void> {
  if (limit && !limit.counts && userId)
    await consumeRateLimit(ruleFor(limit, userId), Date.now(), requestKey);
}

/**
 * After the work: a counted failure takes a slot; when none is left, the reply becomes the 429 (the caller learns
 * nothing more than "too many").
 */
export async function limitOutcome(
  limit: RouteLimit | undefined,
  userId: string | undefined,
  result: APIGatewayProxyStructuredResultV2,
): Promise<RateLimitedError | null> {
  if (!limit?.counts || !userId || !limit.counts.includes(result.statusCode ?? 200)) return null;
  try {
    await consumeRateLimit(ruleFor(limit, userId));
    return null;
  } catch (err) {
    if (err instanceof RateLimitedError) return err;
    throw err;
  }
}
