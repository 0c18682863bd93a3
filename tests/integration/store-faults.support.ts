// The store-faults suites' clients (issue 17): each simulated client runs its steps in order, each step one request
// with its own fixed Idempotency-Key (a POST) that it repeats, unchanged, while the answer is 503 — as the
// mini-program does (one key per user action, reused until a final answer). The clients run in rounds: in a round
// every client tries its current step a few times; a step still answered 503 waits for the next round, after the
// feature's reconciler ran (a seat change left by a request that failed half-way looks live until it is settled).
// The last round runs with the faults off. Every reply is recorded and checked: a success, a 503 with Retry-After,
// 409 REQUEST_IN_PROGRESS with Retry-After (a key whose own record writes all failed: retried with the same key after
// Retry-After, as the mini-program does), or one of the scenario's own domain answers; anything else is a violation.
import type { ApiResponse } from '../support/app';
import type { StoreFaults } from '../support/storeFaults';

export interface Step {
  name: string;
  send: () => Promise<ApiResponse>;
  /**
   * Final answers other than a 2xx that this step may get (e.g. `409 SPACE_FULL`), as `<status> <code>`. A repeat of
   * a step whose first try was applied answers as the first try did (a cancel or check-out too: the settled state).
   */
  expected?: string[];
}

export interface Client {
  steps: Step[];
  /** The final reply of each step done so far. */
  finals: ApiResponse[];
}

export interface RunReport {
  requests: number;
  statuses: Record<string, number>;
  retried: number;
  violations: string[];
  rounds: number;
  ms: number;
}

const ATTEMPTS_PER_ROUND = 3;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const label = (r: ApiResponse) => `${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`;
/** "Try again with the same key": 503, or 409 REQUEST_IN_PROGRESS. */
const tryAgain = (r: ApiResponse) =>
  r.status === 503 || (r.status === 409 && r.body?.error?.code === 'REQUEST_IN_PROGRESS');

export const client = (...steps: Step[]): Client => ({ steps, finals: [] });

/**
 * Runs the clients in rounds with `faults` on (up to `faultyRounds`), calling `between()` after each round, then one
 * round with the faults off. Every client must be done by then.
 */
export async function runClients(
  clients: Client[],
  faults: StoreFaults,
  options: { faultyRounds?: number; between?: () => Promise<void> } = {},
): Promise<RunReport> {
  const report: RunReport = { requests: 0, statuses: {}, retried: 0, violations: [], rounds: 0, ms: 0 };
  const record = (step: Step, r: ApiResponse, retry: boolean) => {
    report.requests++;
    const what = label(r);
    report.statuses[what] = (report.statuses[what] ?? 0) + 1;
    if (r.status >= 200 && r.status < 300) return;
    if (tryAgain(r)) {
      if (!/^\d+$/.test(r.headers['retry-after'] ?? ''))
        report.violations.push(`${step.name}: ${what} without Retry-After`);
      return;
    }
    if (step.expected?.includes(what)) return;
    report.violations.push(`${step.name}: ${what}${retry ? ' (on a retry)' : ''} ${r.text.slice(0, 160)}`);
  };
  const answered503 = new Set<Step>();
  const runStep = async (c: Client): Promise<boolean> => {
    const step = c.steps[c.finals.length];
    const retriedBefore = answered503.has(step);
    for (let attempt = 0; attempt < ATTEMPTS_PER_ROUND; attempt++) {
      const retry = retriedBefore || attempt > 0;
      if (attempt > 0) report.retried++;
      const r = await step.send();
      record(step, r, retry);
      if (!tryAgain(r)) {
        c.finals.push(r);
        return true;
      }
      answered503.add(step);
      // A 503's Retry-After is scaled down for the test; a key in progress is waited out (its lease is short here).
      if (r.status === 503) await pause(10 + Math.random() * 20);
      else await pause(Math.min(Number(r.headers['retry-after']) || 1, 5) * 1000);
    }
    return false;
  };
  const runClient = async (c: Client) => {
    while (c.finals.length < c.steps.length) if (!(await runStep(c))) return;
  };
  const faultyRounds = options.faultyRounds ?? 3;
  const started = Date.now();
  for (let round = 0; round <= faultyRounds; round++) {
    const pending = clients.filter((c) => c.finals.length < c.steps.length);
    if (pending.length === 0) break;
    report.rounds++;
    if (round === faultyRounds) faults.disable();
    else faults.enable();
    try {
      await Promise.all(pending.map(runClient));
    } finally {
      faults.disable();
    }
    // The reconciler runs under faults too, except right before the clean round (its last chance to settle).
    if (options.between && round < faultyRounds - 1)
      await faults.during(() => options.between!().catch(() => undefined));
    else if (options.between && round === faultyRounds - 1) await options.between();
  }
  report.ms = Date.now() - started;
  const unfinished = clients.filter((c) => c.finals.length < c.steps.length).length;
  if (unfinished) report.violations.push(`${unfinished} clients still answered 503 with the faults off`);
  return report;
}

/** One line for the test's output. */
export function describeRun(feature: string, report: RunReport, faults: StoreFaults): string {
  return (
    `store faults [${feature}]: ${faults.summary()} | requests=${report.requests} retries=${report.retried} ` +
    `rounds=${report.rounds} ${report.ms} ms statuses=${JSON.stringify(report.statuses)}`
  );
}
