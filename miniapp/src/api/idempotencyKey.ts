// One Idempotency-Key per user action (issue 9): every retry of the action carries the same key until the API gives
// a final answer, so a retry after a lost reply, a 5xx, a 409 REQUEST_IN_PROGRESS or a 429 can never act twice.
// A new action (another body, another path, or the same one after a final answer) gets a new key.

/** A random key for the Idempotency-Key header (1–64 chars). Not a secret, so Math.random is enough on every platform. */
export function newIdempotencyKey(): string {
  let random = '';
  for (let i = 0; i < 4; i++) random += Math.floor(Math.random() * 0x100000000).toString(36);
  return `${Date.now().toString(36)}-${random}`.slice(0, 64);
}

/**
 * The API's answer settles the action: a 2xx, or a 4xx other than 409 REQUEST_IN_PROGRESS and 429. No answer
 * (status 0: the network), a 5xx, the first request still running, or a rate limit leave it open: a retry reuses the key.
 */
export function isFinalAnswer(status: number, code = ''): boolean {
  if (status >= 200 && status < 300) return true;
  if (status === 429 || (status === 409 && code === 'REQUEST_IN_PROGRESS')) return false;
  return status >= 400 && status < 500;
}

/** The open actions: what was sent (method, path, query, body) → its key, until a final answer settles it. */
export class ActionKeys {
  private readonly open = new Map<string, string>();

  constructor(
    private readonly makeKey: () => string = newIdempotencyKey,
    /** Actions abandoned without a final answer are forgotten oldest first beyond this many. */
    private readonly limit = 50,
  ) {}

  /** The key of this action: the open one when it is a retry, else a new one. */
  keyFor(action: string): string {
    const open = this.open.get(action);
    if (open) return open;
    const key = this.makeKey();
    this.open.set(action, key);
    if (this.open.size > this.limit) this.open.delete(this.open.keys().next().value as string);
    return key;
  }

  /** Records the API's answer to a try of the action with `key` (status 0 when there was none). */
  settle(action: string, key: string, status: number, code = ''): void {
    if (isFinalAnswer(status, code) && this.open.get(action) === key) this.open.delete(action);
  }

  /**
   * A change at `path` succeeded (any method but GET). Open actions on the same resource under another path are new
   * actions from now on: a check-out whose reply was lost, then a new check-in, then 签退 again must not replay the
   * first check-out; nor a sign-up after its cancellation the first sign-up. (Under the same path, e.g. one till
   * redeeming several codes, every open action stays open.) An action is `<path>\n…`, as the API client writes it.
   */
  changed(path: string): void {
    const resource = resourceOf(path);
    if (!resource) return;
    for (const action of [...this.open.keys()]) {
      const actionPath = action.split('\n')[0];
      if (actionPath !== path && resourceOf(actionPath) === resource) this.open.delete(action);
    }
  }
}

/**
 * The resource an action changes, for `changed`: `/events/E1` of `/events/E1/signups/me`; one resource for a creation
 * and the cancel of what it created when their paths differ (a venue booking, a service request). None for the
 * caller's own collections (`/me/…`) and for staff actions (`/admin/…`: deciding one item must not end the open
 * decision of another).
 */
function resourceOf(path: string): string | null {
  const [collection, id, sub] = path.split('?')[0].split('/').filter(Boolean);
  if (!collection || collection === 'admin' || collection === 'me' || id === 'me') return null;
  if (collection === 'bookings' || (collection === 'venues' && sub === 'bookings')) return 'venue bookings';
  if (collection === 'service-requests') return 'service requests';
  return id ? `/${collection}/${id}` : null;
}
