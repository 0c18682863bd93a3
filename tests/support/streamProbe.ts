// A stream function for tests/integration/local-streams.test.ts: keeps the batches it is given, can hold a delivery
// back until released (so later records queue into one batch), and fails records or batches when told to.
import type { ChangeRecord } from '../../infra/local/changeFeed';

export const probe = {
  batches: [] as ChangeRecord[][],
  /** While set, a delivery waits for it. */
  hold: null as Promise<void> | null,
  /** Sort keys to report failed on their next delivery (each once). */
  failOnce: new Set<string>(),
  /** Sort keys to report failed on every delivery. */
  failAlways: new Set<string>(),
  /** Throws on the next this-many deliveries. */
  throwTimes: 0,
};

export async function handler(event: { Records: ChangeRecord[] }) {
  probe.batches.push(event.Records);
  if (probe.hold) await probe.hold;
  if (probe.throwTimes > 0) {
    probe.throwTimes--;
    throw new Error('probe: the whole batch fails');
  }
  const sk = (r: ChangeRecord) => r.dynamodb.Keys.sk.S as string;
  const failed = event.Records.filter((r) => probe.failAlways.has(sk(r)) || probe.failOnce.delete(sk(r)));
  return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })) };
}
