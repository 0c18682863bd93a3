// The staff dashboard's sign-up figures, counted from the table's stream (serverless.yml: countSignupFigures), not on
// the sign-up's own path: a sign-up costs only its seat steps (issue 16), and every signup is counted however it came
// to be — the request itself, its retry, or the reconciler finishing what a crashed request left.
//
// What counts, from each change of a signup item (old and new image):
// - joined: it became active (confirmed or waitlisted) from absent or cancelled — a sign-up, or a sign-up again after
//   a cancel (the store writes an active signup only over a cancelled one). Counted on the district day of its
//   `createdAt`: `signups.<kind>`, `children.<kind>` (youth education, one per seat) and the person among the day's
//   distinct participants. A promotion (waitlisted → confirmed) is not a new sign-up.
// - left: an active signup became cancelled: its children leave the figure of the day it was made.
// Each record is one write, so a cancel and a sign-up again are two records, in order.
//
// Delivery is at least once, and every figure is counted once per sign-up whatever the redeliveries: the sign-up and
// its children by its `attempt` (functions/lib/exactCounters.ts, countOnce/uncountOnce), the person by the distinct
// marks. A record fails (and is delivered again) only before anything of it is counted: the one read, the event's
// kind, comes first; the figure writes are best effort and never throw.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { countSignupFigures, uncountSignupChildren } from '../lib/dashboardCounters';
import { logger, serializeError } from '../lib/logger';
import { ledgerStore } from './ledgerStore';
import { signupFromItem, type SignupRecord } from './model';

type Image = Record<string, AttributeValue>;

export interface SignupStreamRecord {
  dynamodb?: { NewImage?: Image; OldImage?: Image; SequenceNumber?: string };
}

const ACTIVE = new Set(['confirmed', 'waitlisted']);

export type SignupChange = { change: 'joined' | 'left'; signup: SignupRecord } | null;

/** What a change of a signup item means for the figures (null: nothing). */
export function signupChange(oldImage?: Image, newImage?: Image): SignupChange {
  const before = oldImage && signupFromItem(unmarshall(oldImage));
  const after = newImage && signupFromItem(unmarshall(newImage));
  const wasActive = !!before && ACTIVE.has(before.status);
  if (after && ACTIVE.has(after.status) && !wasActive) return { change: 'joined', signup: after };
  if (wasActive && after?.status === 'cancelled') return { change: 'left', signup: after };
  return null;
}

/** How many people's records of a batch are counted at once (their writes are to different marks). */
const PARALLEL = 16;

async function countChange(change: NonNullable<SignupChange>, kind: string): Promise<void> {
  const { signup } = change;
  const counted = { kind, seats: signup.seats, attempt: signup.attempt, at: signup.createdAt };
  if (change.change === 'joined') await countSignupFigures({ ...counted, userId: signup.userId });
  else await uncountSignupChildren(counted);
}

/**
 * Counts a batch of stream records. The only step that can fail, reading each event's kind, comes first, for the
 * whole batch; the records before the first one whose kind could not be read are then counted (the figure writes
 * never throw), and that record and every later one are reported failed, so Lambda delivers them again, in order,
 * none of them counted yet.
 */
export async function countSignupRecords(
  records: SignupStreamRecord[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const changes = records.map((r) => signupChange(r.dynamodb?.OldImage, r.dynamodb?.NewImage));
  const eventIds = [...new Set(changes.flatMap((c) => (c ? [c.signup.eventId] : [])))];
  const kinds = new Map<string, string | null>();
  await Promise.all(
    eventIds.map(async (eventId) => {
      try {
        const ledger = await ledgerStore.get(eventId);
        if (!ledger) logger.warn('signup figures: the event is gone', { eventId });
        kinds.set(eventId, ledger ? ledger.kind : null);
      } catch (err) {
        logger.error('signup figures: the event could not be read; delivered again', {
          eventId,
          error: serializeError(err),
        });
      }
    }),
  );
  let failedFrom = changes.findIndex((c) => c !== null && !kinds.has(c.signup.eventId));
  if (failedFrom < 0) failedFrom = records.length;
  // One person's records in order (their distinct-participant mark only moves forward in time); people in parallel.
  const byPerson = new Map<string, (() => Promise<void>)[]>();
  for (const c of changes.slice(0, failedFrom)) {
    const kind = c && kinds.get(c.signup.eventId);
    if (!c || !kind) continue;
    byPerson.set(c.signup.userId, [...(byPerson.get(c.signup.userId) ?? []), () => countChange(c, kind)]);
  }
  const people = [...byPerson.values()];
  for (let i = 0; i < people.length; i += PARALLEL)
    await Promise.all(
      people.slice(i, i + PARALLEL).map(async (steps) => {
        for (const step of steps) await step();
      }),
    );
  return {
    batchItemFailures: records
      .slice(failedFrom)
      .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
  };
}
