// Reconciliation of the duty desk, in two steps that tests can also run one by one: (1) settle the intents left by
// requests that died (appointmentSteps.settle: finish or undo, once); (2) recount `booked` from the appointment
// items, only with no intent in flight and nothing written meanwhile, never above the capacity (that is logged for
// staff, not written). Scheduled every 5 minutes with reserved concurrency 1 (functions.yml); two runs at once are
// still safe, every write being conditional.
import { logger } from '../../lib/logger';
import { appointmentStore } from './appointmentStore';
import { settle } from './appointmentSteps';
import { parseIntent, STALE_INTENT_MS } from './model';
import { shiftStore } from './shiftStore';

const DAY_MS = 86400_000;

export interface ReconcileOptions {
  now?: number;
  /** Intents younger than this may belong to a live request and are left alone. */
  staleAfterMs?: number;
}

export interface ShiftReport {
  shiftId: string;
  intentsSettled: number;
  booked: { before: number; after: number };
  recounted: boolean;
  /** More booked appointments than places: nothing written, an error logged for staff. */
  overbooked: boolean;
}

/** Step 1: finishes or undoes every stale intent on the shift. How many there were. */
async function settleStaleIntents(shiftId: string, options: ReconcileOptions = {}): Promise<number> {
  const now = options.now ?? Date.now();
  const shift = await shiftStore.get(shiftId);
  if (!shift) return 0;
  let settled = 0;
  for (const [userId, tag] of Object.entries(shift.intents)) {
    const intent = parseIntent(userId, tag);
    if (now - intent.at < (options.staleAfterMs ?? STALE_INTENT_MS)) continue;
    await settle(shiftId, intent);
    settled++;
  }
  return settled;
}

/** Step 2: `booked` against the booked appointments (only when the shift is quiet). */
async function recount(shiftId: string): Promise<Omit<ShiftReport, 'intentsSettled'> | null> {
  const shift = await shiftStore.get(shiftId);
  if (!shift) return null;
  const report = {
    shiftId,
    booked: { before: shift.booked, after: shift.booked },
    recounted: false,
    overbooked: false,
  };
  if (Object.keys(shift.intents).length > 0) return report;
  const count = await appointmentStore.countBooked(shiftId);
  if (count === shift.booked) return report;
  if (count > shift.capacity) {
    logger.error('duty shift overbooked: left for staff', { shiftId, count, capacity: shift.capacity });
    return { ...report, overbooked: true };
  }
  if (await shiftStore.writeBooked(shift, count))
    return { ...report, booked: { before: shift.booked, after: count }, recounted: true };
  return report; // something moved meanwhile: the next run looks again
}

async function reconcileShift(shiftId: string, options: ReconcileOptions = {}): Promise<ShiftReport | null> {
  const intentsSettled = await settleStaleIntents(shiftId, options);
  const counted = await recount(shiftId);
  return counted ? { ...counted, intentsSettled } : null;
}

/** Every shift that started up to a week ago or starts within the next five weeks. */
async function runScheduled(options: ReconcileOptions = {}): Promise<ShiftReport[]> {
  const now = options.now ?? Date.now();
  const shifts = await shiftStore.listStarting(
    new Date(now - 7 * DAY_MS).toISOString(),
    new Date(now + 35 * DAY_MS).toISOString(),
  );
  const reports: ShiftReport[] = [];
  for (const shift of shifts) {
    const report = await reconcileShift(shift.id, options);
    if (report && (report.intentsSettled > 0 || report.recounted || report.overbooked)) reports.push(report);
  }
  if (reports.length > 0) logger.info('duty reconciled', { shifts: reports.length });
  return reports;
}

export const dutyReconcileService = { settleStaleIntents, recount, reconcileShift, runScheduled };
