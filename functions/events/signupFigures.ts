// The staff dashboard's sign-up figures, counted from the table's stream (serverless: countFigures, functions/admin/figuresStream.ts), not on
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
// A batch's figures are written together (dashboardCounters.countSignupChanges): per figure and day one write for up
// to 50 sign-ups, plus one per person seen (their last-seen day), so the store's capacity goes to the sign-ups.
// Delivery is at least once, and every figure is counted once per sign-up whatever the redeliveries: the sign-up and
// its children by its `attempt` (functions/lib/exactCounters.ts, countOnceEach/uncountOnce), the person by the
// distinct marks; a write that finds one of its batch counted already is done again one by one. A record fails (and
// is delivered again) only before anything of it is counted: the one read, the event's kind, comes first; the
// figure writes are best effort and never throw.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { countSignupChanges } from '../lib/dashboardCounters';
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
  await countSignupChanges(
    changes.slice(0, failedFrom).flatMap((c) => {
      const kind = c && kinds.get(c.signup.eventId);
      if (!c || !kind) return [];
      const { userId, seats, attempt, createdAt } = c.signup;
      return [{ change: c.change, kind, userId, seats, attempt, at: createdAt }];
    }),
  );
  return {
    batchItemFailures: records
      .slice(failedFrom)
      .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
  };
}
