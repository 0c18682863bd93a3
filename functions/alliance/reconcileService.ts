// The alliance reconciler (scheduled, also run at local start-up, and by tests):
//  - stale claims in flight (unsettled slots, open intents): finish them (the claim item exists) or void the code
//    and give the unit and the slot back;
//  - recount: `redeemed` from the redeemed claims (a crash after the redemption leaves it one short);
//    `claimed` checked against issued claims + open intents and raised if ever short (never lowered while busy);
//  - approved merchants whose role grant was interrupted get the merchant role.
import { logger } from '../lib/logger';
import { userService } from '../users/userService';
import { claimStore } from './claimStore';
import { merchantStore } from './merchantStore';
import type { SlotRecord } from './model';
import { offerStore } from './offerStore';

export interface ReconcileOptions {
  /** Intents younger than this belong to requests still running. */
  staleAfterMs?: number;
  /** Offers that ended more than this long ago are left alone. */
  lookBackMs?: number;
  now?: number;
}

export interface ReconcileReport {
  offersChecked: number;
  claimsFinished: number;
  claimsUndone: number;
  claimedRaised: number;
  claimedLowered: number;
  redeemedRepaired: number;
  merchantRolesGranted: number;
}

const DEFAULT_STALE_MS = 2 * 60_000;
const DEFAULT_LOOK_BACK_MS = 30 * 86400_000;

/** Finishes a claim whose item exists, or voids its code and gives back the unit and the slot. Each step is
 * conditional, so running it twice, or alongside the request, changes nothing more. */
async function settleClaim(slot: SlotRecord, report: ReconcileReport, now: string): Promise<void> {
  // Void first: from here on the request that holds the slot can no longer write its claim.
  const voided = await claimStore.putVoid(slot.code, slot.claimId, slot.offerId, now);
  const existing = voided ? null : await claimStore.getByCode(slot.code);
  if (existing?.kind === 'claim' && existing.claim.id === slot.claimId) {
    await offerStore.clearIntent(slot.offerId, slot.claimId);
    if (await claimStore.settleSlot(slot)) report.claimsFinished++;
    return;
  }
  const returned = await offerStore.returnUnit(slot.offerId, slot.claimId);
  const released = await claimStore.releaseSlot(slot);
  if (returned || released) report.claimsUndone++;
}

async function recount(offerId: string, report: ReconcileReport, quietSince: string): Promise<void> {
  const offer = await offerStore.get(offerId);
  if (!offer) return;
  const claims = await claimStore.allForOffer(offerId);
  const redeemed = claims.filter((c) => c.status === 'redeemed').length;
  const inFlight = Object.keys(offer.intents).length;
  // A claim written but whose intent is not cleared yet counts once.
  const held = new Set([...claims.map((c) => c.id), ...Object.keys(offer.intents)]).size;
  // Only a crash can make `redeemed` short; a figure that moved meanwhile is left for the next run.
  if (
    offer.redeemed < redeemed &&
    (await offerStore.setFigure(offerId, 'redeemed', offer.redeemed, redeemed))
  )
    report.redeemedRepaired++;
  const expected = held;
  if (offer.claimed < expected) {
    // Should never happen (it would allow one claim too many): correct it and shout.
    logger.error('alliance offer under-counted', { offerId, claimed: offer.claimed, expected });
    if (await offerStore.setFigure(offerId, 'claimed', offer.claimed, expected)) report.claimedRaised++;
  } else if (offer.claimed > expected && inFlight === 0 && (offer.lastClaimAt ?? '') <= quietSince) {
    // Units held by nothing: release them, only on a quiet offer (the index is current) and if no claim moved the
    // counter since it was read.
    if (await offerStore.setFigure(offerId, 'claimed', offer.claimed, expected)) report.claimedLowered++;
  }
}

async function grantMissingMerchantRoles(report: ReconcileReport): Promise<void> {
  for (const merchant of await merchantStore.allByStatus('approved')) {
    const user = await userService.current(merchant.userId);
    if (user && !user.roles.includes('merchant')) {
      await userService.grantRole(merchant.userId, 'merchant');
      report.merchantRolesGranted++;
    }
  }
}

export const allianceReconciler = {
  async run(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const nowMs = options.now ?? Date.now();
    const now = new Date(nowMs).toISOString();
    const staleBefore = new Date(nowMs - (options.staleAfterMs ?? DEFAULT_STALE_MS)).toISOString();
    const since = new Date(nowMs - (options.lookBackMs ?? DEFAULT_LOOK_BACK_MS)).toISOString();
    const report: ReconcileReport = {
      offersChecked: 0,
      claimsFinished: 0,
      claimsUndone: 0,
      claimedRaised: 0,
      claimedLowered: 0,
      redeemedRepaired: 0,
      merchantRolesGranted: 0,
    };
    for (const slot of await claimStore.unsettledSlots(staleBefore)) await settleClaim(slot, report, now);
    for (const offer of await offerStore.all(since)) {
      report.offersChecked++;
      // Intents whose slot journal is gone (only when the reconciler raced a very slow request that then died).
      for (const [claimId, intent] of Object.entries(offer.intents)) {
        if (intent.at <= staleBefore)
          await settleClaim({ offerId: offer.id, claimId, ...intent }, report, now);
      }
      await recount(offer.id, report, staleBefore);
    }
    await grantMissingMerchantRoles(report);
    return report;
  },
};
