// The staff dashboard's alliance figures, counted from the table's stream (serverless: countFigures, functions/admin/figuresStream.ts), not on
// the claim's or the redemption's own path: every claim and every redemption is counted once, however its write came
// about — the request, its retry with the same key, the reconciler finishing a crashed claim — and whatever the
// redeliveries (a request that answered 503 after its write used to leave its figure uncounted for good).
//
// What counts, from each change of a code's item (`CODE#<code>` / CLAIM, claimStore.ts):
// - issued: the claim item written (no old image; a void marker is no claim): `offers.claimed`, once per claim, on
//   the district day of its `claimedAt`; its merchant among that day's participating merchants;
// - redeemed: its status claimed → redeemed: `offers.redeemed` and `redemptions.<alliance>`, once per claim, on the
//   district day of its `redeemedAt`; its merchant among that day's.
// The claimant's erasure (an account closed) changes neither status and counts nothing.
//
// The one read, each redeemed claim's offer (its alliance), comes first for the whole batch; the records before the
// first one whose offer could not be read are then counted, and that record and every later one are reported failed,
// so Lambda delivers them again, in order, none of them counted yet. The figure writes are best effort, as for the
// sign-ups (signupFigures.ts): one that still fails after the store client's retries is logged, not delivered again.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { countClaimChanges, type ClaimFigureChange } from '../lib/dashboardCounters';
import { logger, serializeError } from '../lib/logger';
import { claimFromItem, type ClaimRecord } from './model';
import { offerStore } from './offerStore';

type Image = Record<string, AttributeValue>;

export interface ClaimStreamRecord {
  dynamodb?: { NewImage?: Image; OldImage?: Image; SequenceNumber?: string };
}

export type ClaimChange = { change: 'issued' | 'redeemed'; claim: ClaimRecord } | null;

/** What a change of a code's item means for the figures (null: nothing). */
export function claimChange(oldImage?: Image, newImage?: Image): ClaimChange {
  const after = newImage && unmarshall(newImage);
  if (!after || after.type !== 'claim') return null;
  const claim = claimFromItem(after);
  if (!oldImage) return { change: 'issued', claim };
  const before = unmarshall(oldImage);
  if (before.status !== 'redeemed' && claim.status === 'redeemed') return { change: 'redeemed', claim };
  return null;
}

/** Counts a batch of stream records (see the top of this file); reports the records to deliver again. */
export async function countClaimRecords(
  records: ClaimStreamRecord[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const changes = records.map((r) => claimChange(r.dynamodb?.OldImage, r.dynamodb?.NewImage));
  const offerIds = [...new Set(changes.flatMap((c) => (c?.change === 'redeemed' ? [c.claim.offerId] : [])))];
  const alliances = new Map<string, string | null>();
  await Promise.all(
    offerIds.map(async (offerId) => {
      try {
        const offer = await offerStore.get(offerId);
        if (!offer) logger.warn('claim figures: the offer is gone', { offerId });
        alliances.set(offerId, offer ? offer.alliance : null);
      } catch (err) {
        logger.error('claim figures: the offer could not be read; delivered again', {
          offerId,
          error: serializeError(err),
        });
      }
    }),
  );
  let failedFrom = changes.findIndex((c) => c?.change === 'redeemed' && !alliances.has(c.claim.offerId));
  if (failedFrom < 0) failedFrom = records.length;
  await countClaimChanges(
    changes.slice(0, failedFrom).flatMap((c): ClaimFigureChange[] => {
      if (!c) return [];
      const { id, merchantId, offerId, claimedAt, redeemedAt } = c.claim;
      const redeemed = c.change === 'redeemed';
      return [
        {
          change: c.change,
          claimId: id,
          merchantId,
          alliance: redeemed ? (alliances.get(offerId) ?? null) : null,
          at: redeemed ? redeemedAt! : claimedAt,
        },
      ];
    }),
  );
  return {
    batchItemFailures: records
      .slice(failedFrom)
      .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
  };
}
