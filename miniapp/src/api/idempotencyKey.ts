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
}
