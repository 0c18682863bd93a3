// Store faults for tests (issue 17): a middleware on the handlers' DynamoDB client (functions/lib/db.ts `db()`, the
// one client every store uses) that fails a share of the store calls the way DynamoDB and the network do, after the
// SDK's own retries have given up:
//   - throttle:  ProvisionedThroughputExceededException or ThrottlingException, nothing applied;
//   - timeout:   the call times out (TimeoutError) before the store saw it, nothing applied;
//   - after:     the call reached the store and was applied, then its reply was lost (a TimeoutError or an
//                InternalServerError): the caller cannot tell, so a write it thinks failed did happen.
// Picked with a seeded generator, so a run can be repeated (`STORE_FAULTS_SEED=<n>`); counts per kind are kept.
// Calls on the Idempotency-Key records (pk IDEMPOTENCY#…) fail like any other (lib/idempotency.ts recovers its own
// lost writes; a key still left "in progress" answers 409 REQUEST_IN_PROGRESS with Retry-After until its lease runs
// out, shortened here — see `leaseSeconds`); `spareIdempotency` turns that off.
import { db } from '../../functions/lib/db';

export type StoreFaultKind = 'throttle' | 'timeout' | 'after';

export interface StoreFaultOptions {
  /** Share of store calls that fail while enabled (default 0.2). */
  rate?: number;
  /** Seed of the generator (default: STORE_FAULTS_SEED, else 17). */
  seed?: number;
  /** Leave the Idempotency-Key records (lib/idempotency.ts) alone (default false: they fail like the rest). */
  spareIdempotency?: boolean;
  /**
   * The Idempotency-Key lease for this test file (IDEMPOTENCY_LEASE_SECONDS, default 2 instead of 30): a key whose
   * every write failed stays "in progress" that long, and the suites' clients wait it out as the mini-program does.
   */
  leaseSeconds?: number;
}

export interface StoreFaults {
  readonly seed: number;
  readonly rate: number;
  /** Store calls seen while enabled (of them, on Idempotency-Key records), and faults injected by kind. */
  readonly calls: number;
  readonly keyRecordCalls: number;
  readonly injected: Record<StoreFaultKind, number>;
  /** Faults happen only between enable() and disable() (set-up and the final checks run clean). */
  enable(): void;
  disable(): void;
  /** Runs `fn` with faults enabled, then disables them (also when it throws). */
  during<T>(fn: () => Promise<T>): Promise<T>;
  /** `seed=… rate=… calls=… (key records …) throttle=… timeout=… after=…`, for the test's output. */
  summary(): string;
}

/** mulberry32: small, fast, good enough to pick faults repeatably. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function storeError(name: string, status: number, message: string): Error {
  return Object.assign(new Error(`injected: ${message}`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 4 },
    ...(name.includes('Throttl') || name.includes('Throughput') ? { $retryable: { throttling: true } } : {}),
  });
}

const throttle = (pick: number) =>
  pick < 0.5
    ? storeError('ProvisionedThroughputExceededException', 400, 'throughput exceeded')
    : storeError('ThrottlingException', 400, 'rate of requests exceeds the allowed throughput');
const timeout = () => Object.assign(new Error('injected: socket timed out'), { name: 'TimeoutError' });
const lostReply = (pick: number) =>
  pick < 0.5 ? timeout() : storeError('InternalServerError', 500, 'internal server error');

/**
 * Installs the fault middleware on the current store client (disabled until `enable()`). Call after the app is up
 * (startTestApp resets the client); a new client (after resetDbClient) needs a new call.
 */
export function injectStoreFaults(options: StoreFaultOptions = {}): StoreFaults {
  const seed = options.seed ?? Number(process.env.STORE_FAULTS_SEED ?? 17);
  const rate = options.rate ?? 0.2;
  const spareIdempotency = options.spareIdempotency ?? false;
  process.env.IDEMPOTENCY_LEASE_SECONDS = String(options.leaseSeconds ?? 2);
  const random = generator(seed);
  const injected: Record<StoreFaultKind, number> = { throttle: 0, timeout: 0, after: 0 };
  let calls = 0;
  let keyRecordCalls = 0;
  let enabled = false;
  db().middlewareStack.add(
    (next) => async (args) => {
      if (!enabled) return next(args);
      if (JSON.stringify(args.input).includes('IDEMPOTENCY#')) {
        if (spareIdempotency) return next(args);
        keyRecordCalls++;
      }
      calls++;
      if (random() >= rate) return next(args);
      const kind = random();
      if (kind < 1 / 3) {
        injected.throttle++;
        throw throttle(random());
      }
      if (kind < 2 / 3) {
        injected.timeout++;
        await new Promise((r) => setTimeout(r, 5));
        throw timeout();
      }
      injected.after++;
      await next(args);
      throw lostReply(random());
    },
    { step: 'initialize', name: 'storeFaults', priority: 'high' },
  );
  const faults: StoreFaults = {
    seed,
    rate,
    get calls() {
      return calls;
    },
    get keyRecordCalls() {
      return keyRecordCalls;
    },
    injected,
    enable: () => {
      enabled = true;
    },
    disable: () => {
      enabled = false;
    },
    async during(fn) {
      enabled = true;
      try {
        return await fn();
      } finally {
        enabled = false;
      }
    },
    summary: () =>
      `seed=${seed} rate=${rate} calls=${calls} (key records ${keyRecordCalls}) throttle=${injected.throttle} ` +
      `timeout=${injected.timeout} ` +
      `after=${injected.after}`,
  };
  return faults;
}
