// A user's profile record and key. They live in functions/lib/principal.ts, because the HTTP layer reads the caller's
// record on every request and the ground floor must not import a feature; this feature's code names them from here.
export { isClosed, userFromItem, userKey, type UserRecord } from '../lib/principal';

/** The byQueue partition of closings not yet finished (accountSteps.ts). */
export const ACCOUNT_CLOSING_QUEUE = 'ACCOUNT_CLOSING';

/** The nickname a new account starts with, until its owner chooses one. */
export function defaultNickname(userId: string): string {
  return `商圈用户${userId.slice(-4).toUpperCase()}`;
}
