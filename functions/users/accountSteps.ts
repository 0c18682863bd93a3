// Closing an account (DELETE /v1/me), in steps a retry or the job finishes. The invariant: from step 1 on, no token
// of the account is accepted and its openid signs in to a new account; once the last step ran, nothing stored names
// the person (children, phones, nickname, openid), while seats, counts and figures are unchanged.
//   1 user     closedAt, on the closing queue (byQueue ACCOUNT_CLOSING / <closedAt>#<id>), closingToken
//              └ crash → nothing else changed yet; the job (or a retry of the request, see below) finishes 2–3
//   2 each section of accountData.ts, in order — events (active signups of upcoming events cancelled through the
//     seat steps, so their seats go to the waiting list; then the person erased from every signup), spaces (open
//     check-ins ended through the check-out steps), wall (messages kept, author removed), alliance (claims kept,
//     claimant removed), the merchant application (contact erased), venues (upcoming bookings cancelled through the
//     slot steps, so their time is free; purpose and organisation erased), service requests (open ones withdrawn;
//     description and contact erased), duty appointments (upcoming ones cancelled through the appointment steps, so
//     the place goes back to the shift; question erased). Each section (its feature's accountDataService) writes
//     conditionally per item and takes the item off the user's byOwner list, so a repeat does only what is left.
//     └ crash → the closing stays on the queue; the job (or the request's retry) repeats 2–3
//   3 user     profile erased (nickname, phone, identity, roles, openid), `erasedAt`   └ crash before → repeat 2–3
//   4 the job's sweep, at least a few minutes after step 1: 2 again, then off the queue
// The request runs 1–3 at once. The job (handlers/finishAccountClosings.ts, every 10 minutes, reserved concurrency
// 1) runs 2–4 for every closing still queued a few minutes after it began: step 2 lists the person's items through
// `byOwner`, which is eventually consistent, and a request authenticated just before step 1 may still write a
// signup or a check-in after it; the sweep, once the index has caught up, ends and erases those too.
// A client's retry after a lost reply, with the token that closed the account, gets 204 again (closingRetry.ts: step 1
// records that token's fingerprint) and finishes 2–3 at once if a crash left them; any other token of the account, on
// any route, gets 401 from step 1 on.
import { InjectedCrash, failpoint } from '../lib/faults';
import { logger, serializeError } from '../lib/logger';
import { ACCOUNT_DATA_SECTIONS } from './accountData';
import { userStore } from './userStore';

/** Steps 2–3 (and 4, the job's `sweep`): everything after the account was closed. */
export async function finishClosing(
  userId: string,
  now = Date.now(),
  sweep = false,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const section of ACCOUNT_DATA_SECTIONS) {
    if (!section.closeFor) continue; // export-only so far (accountData.ts)
    counts[section.name] = await section.closeFor(userId, now);
    failpoint(`account.close.after.${section.name}`);
  }
  await userStore.eraseClosed(userId, new Date(now).toISOString(), sweep);
  return counts;
}

/** Steps 1–3. False when there is no such account. `closingToken`: the fingerprint of the request's token. */
export async function closeAccount(
  userId: string,
  now = Date.now(),
  closingToken?: string,
): Promise<boolean> {
  const closed = await userStore.close(userId, new Date(now).toISOString(), closingToken);
  if (!closed) return false;
  failpoint('account.close.afterClosed');
  const counts = await finishClosing(userId, now);
  logger.info('account closed', { userId, ...counts });
  return true;
}

/**
 * The job: sweeps every closing still queued that began more than `graceMs` ago (step 4). `finished`: those whose
 * step 3 had not run (a crash); `swept`: every closing taken off the queue.
 */
export async function finishUnfinishedClosings(
  options: { now?: number; graceMs?: number } = {},
): Promise<{ finished: number; swept: number }> {
  const now = options.now ?? Date.now();
  const before = new Date(now - (options.graceMs ?? 5 * 60_000)).toISOString();
  let finished = 0;
  let swept = 0;
  let firstError: unknown;
  for (const userId of await userStore.unfinishedClosings(before)) {
    try {
      const unfinished = (await userStore.closingOf(userId))?.unfinished ?? false;
      await finishClosing(userId, now, true);
      if (unfinished) finished++;
      swept++;
    } catch (err) {
      // One closing that cannot finish now (e.g. a booking of the user's still in flight: 503) does not hold up the
      // others; it stays queued for the next run, and the run still fails (its alarm) once the rest is done.
      if (err instanceof InjectedCrash) throw err;
      logger.warn('account closing not finished', { userId, error: serializeError(err) });
      firstError ??= err;
    }
  }
  if (swept > 0) logger.info('account closings swept', { finished, swept });
  if (firstError !== undefined) throw firstError;
  return { finished, swept };
}
