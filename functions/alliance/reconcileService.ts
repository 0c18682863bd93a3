// The alliance reconciler (scheduled every 5 minutes with reserved concurrency 1, also run at local start-up, and
// by tests), in phases that tests can also run one by one:
//  1 settle: stale claim attempts (unsettled slots, open intents) are finished (their claim item exists) or voided
//    and undone (claimSteps.ts);
//  2 recount offers: `redeemed` from the redeemed claims (a crash after the redemption leaves it one short; a lost
//    reply to its `ADD`, resent by the store client, one over), raised or lowered only when no redemption of the
//    offer is recent (and lowered only once the offer's figures are quiet);
//    `claimed` checked against issued claims + open intents, raised if ever short, lowered only on a quiet offer;
//    each repair (but a lowered `redeemed`: that excess was never mirrored) is mirrored into the merchant's figures;
//  3 recount figures: the figures items of merchants whose offers changed since the last run are compared with the
//    sums of those offers (read consistently) and set, only when all is quiet and nothing moved meanwhile;
//  4 approved merchants whose role grant was interrupted get the merchant role (once: a role an admin revoked after
//    it was granted stays revoked).
// Every repair is conditional on what it read, so two runs at once, or a run beside the requests, repair once.
import { failpoint } from '../lib/faults';
import { logger } from '../lib/logger';
import { isClosed } from '../lib/principal';
import { userService } from '../users/userService';
import { settleStale } from './claimSteps';
import { claimStore } from './claimStore';
import { figuresStore } from './figuresStore';
import { merchantService } from './merchantService';
import { merchantStore } from './merchantStore';
import type { OfferRecord } from './model';
import { offerStore } from './offerStore';

export interface ReconcileOptions {
  /** Intents and changes younger than this belong to requests still running. */
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
  figuresChecked: number;
  figuresRepaired: number;
  merchantRolesGranted: number;
}

const DEFAULT_STALE_MS = 2 * 60_000;
const DEFAULT_LOOK_BACK_MS = 30 * 86400_000;
/** Offers changed this long before the watermark are looked at again (an index copy may show a change late). */
const WATERMARK_OVERLAP_MS = 10 * 60_000;

interface Run {
  now: string;
  staleBefore: string;
  since: string;
  report: ReconcileReport;
}

function begin(options: ReconcileOptions): Run {
  const nowMs = options.now ?? Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    now: iso(nowMs),
    staleBefore: iso(nowMs - (options.staleAfterMs ?? DEFAULT_STALE_MS)),
    since: iso(nowMs - (options.lookBackMs ?? DEFAULT_LOOK_BACK_MS)),
    report: {
      offersChecked: 0,
      claimsFinished: 0,
      claimsUndone: 0,
      claimedRaised: 0,
      claimedLowered: 0,
      redeemedRepaired: 0,
      figuresChecked: 0,
      figuresRepaired: 0,
      merchantRolesGranted: 0,
    },
  };
}

async function settle(run: Run): Promise<void> {
  const count = (outcome: 'finished' | 'undone' | 'none') => {
    if (outcome === 'finished') run.report.claimsFinished++;
    if (outcome === 'undone') run.report.claimsUndone++;
  };
  for (const slot of await claimStore.unsettledSlots(run.staleBefore))
    count(await settleStale(slot, run.now, true));
  // Intents whose slot journal is gone (only when the reconciler raced a very slow request that then died).
  for (const offer of await offerStore.all(run.since))
    for (const [claimId, intent] of Object.entries(offer.intents))
      if (intent.at <= run.staleBefore)
        count(await settleStale({ offerId: offer.id, claimId, ...intent }, run.now, false));
}

/** Sets one of an offer's figures and mirrors the change into its merchant's figures. */
async function repairOffer(run: Run, offer: OfferRecord, field: 'claimed' | 'redeemed', to: number) {
  const from = offer[field];
  if (!(await offerStore.setFigure(offer.id, field, { from, to }, run.now))) return false;
  failpoint('alliance.recount.afterOfferRepaired');
  await figuresStore.add(offer, { [field]: to - from }, run.now);
  return true;
}

async function recountOffer(run: Run, offerId: string): Promise<void> {
  const offer = await offerStore.get(offerId);
  if (!offer) return;
  run.report.offersChecked++;
  const claims = await claimStore.allForOffer(offerId);
  const redeemedClaims = claims.filter((c) => c.status === 'redeemed');
  const redeemed = redeemedClaims.length;
  // A redemption is two writes (the claim, then the offer's figure): while one is recent it may stand between them,
  // and raising the figure then would count it twice. Once none is, each has counted itself or died (a request runs
  // for seconds; stale is minutes), and a claim the index does not show yet is not counted here either.
  const redeemingNow = redeemedClaims.some((c) => (c.redeemedAt ?? '') > run.staleBefore);
  const inFlight = Object.keys(offer.intents).length;
  // A claim written but whose intent is not cleared yet counts once.
  const held = new Set([...claims.map((c) => c.id), ...Object.keys(offer.intents)]).size;
  // A crash makes `redeemed` short; a figure that moved meanwhile is left for the next run.
  if (offer.redeemed < redeemed && !redeemingNow && (await repairOffer(run, offer, 'redeemed', redeemed)))
    run.report.redeemedRepaired++;
  // Only a lost reply makes it high: the store client sent the `ADD` again and both copies were applied (the write
  // stays unconditional: a per-claim mark in it would grow the hot offer item by a code per redemption, past
  // DynamoDB's item size at the largest quantities). Lowered once no redemption is recent and nothing moved the
  // offer's figures within the staleness window, so every redemption counted on the offer shows on the offers'
  // index. Not mirrored: the merchant's figures got that redemption's `ADD` once (and the figures recount evens
  // them if not).
  else if (
    offer.redeemed > redeemed &&
    !redeemingNow &&
    (offer.figuresAt ?? offer.createdAt) <= run.staleBefore &&
    (await offerStore.setFigure(offer.id, 'redeemed', { from: offer.redeemed, to: redeemed }, run.now))
  ) {
    logger.warn('alliance offer redeemed over-counted', {
      offerId,
      redeemed: offer.redeemed,
      expected: redeemed,
    });
    run.report.redeemedRepaired++;
  }
  if (offer.claimed < held) {
    // Should never happen (it would allow one claim too many): correct it and shout.
    logger.error('alliance offer under-counted', { offerId, claimed: offer.claimed, expected: held });
    if (await repairOffer(run, offer, 'claimed', held)) run.report.claimedRaised++;
  } else if (offer.claimed > held && inFlight === 0 && (offer.lastClaimAt ?? '') <= run.staleBefore) {
    // Units held by nothing: release them, only on a quiet offer (the index is current) and if no claim moved the
    // counter since it was read.
    if (await repairOffer(run, offer, 'claimed', held)) run.report.claimedLowered++;
  }
}

const changedAt = (o: OfferRecord) => o.figuresAt ?? o.createdAt;
const sumOf = (offers: OfferRecord[], f: 'quantity' | 'claimed' | 'redeemed') =>
  offers.reduce((n, o) => n + o[f], 0);

/** Recounts one merchant's figures in one alliance: 'busy' when anything is in flight or moved meanwhile. */
async function recountFigures(run: Run, owner: OfferRecord): Promise<'busy' | 'done'> {
  const figures = await figuresStore.get(owner.merchantId, owner.alliance);
  if (figures && figures.changedAt > run.staleBefore) return 'busy';
  const ids = await offerStore.idsForMerchant(owner.merchantId);
  const offers = (await offerStore.getMany(ids)).filter((o) => o.alliance === owner.alliance);
  if (offers.some((o) => Object.keys(o.intents).length > 0 || changedAt(o) > run.staleBefore)) return 'busy';
  run.report.figuresChecked++;
  const sums = {
    offers: offers.length,
    quantity: sumOf(offers, 'quantity'),
    claimed: sumOf(offers, 'claimed'),
    redeemed: sumOf(offers, 'redeemed'),
  };
  const current = figures ?? { offers: 0, quantity: 0, claimed: 0, redeemed: 0, rev: 0 };
  const off = (Object.keys(sums) as (keyof typeof sums)[]).filter((f) => current[f] !== sums[f]);
  if (off.length === 0) return 'done';
  if (!(await figuresStore.setIfUnchanged(owner, sums, current.rev, run.now))) return 'busy';
  logger.warn('alliance figures repaired', { merchantId: owner.merchantId, alliance: owner.alliance, off });
  run.report.figuresRepaired++;
  return 'done';
}

/** Phase 3 over the offers whose figures changed since the watermark (every offer on the first run). */
async function recountChangedFigures(run: Run, recent: OfferRecord[]): Promise<void> {
  const mark = await figuresStore.watermark();
  const from = mark ? new Date(Date.parse(mark) - WATERMARK_OVERLAP_MS).toISOString() : '';
  const changed = (mark ? recent : await offerStore.all()).filter(
    (o) => changedAt(o) > from && changedAt(o) <= run.staleBefore,
  );
  const owners = new Map(changed.map((o) => [`${o.merchantId}#${o.alliance}`, o]));
  let until = run.staleBefore;
  for (const [pair, owner] of owners) {
    if ((await recountFigures(run, owner)) === 'done') continue;
    // Busy: look at this merchant again next time.
    for (const o of changed)
      if (`${o.merchantId}#${o.alliance}` === pair && changedAt(o) < until) until = changedAt(o);
  }
  failpoint('alliance.recount.beforeWatermark');
  await figuresStore.advanceWatermark(until);
}

async function recountAll(run: Run, offers: OfferRecord[]): Promise<void> {
  for (const offer of offers) await recountOffer(run, offer.id);
  // Offers repaired just now count as changed from the next run on (their figures were mirrored meanwhile).
  await recountChangedFigures(run, offers);
}

/** Approvals whose role grant was interrupted (not marked yet) get it; a role once granted is the admins' to revoke. */
async function grantMissingMerchantRoles(run: Run): Promise<void> {
  for (const listed of await merchantStore.allByStatus('approved')) {
    // Decided on the record itself (the index may not show its mark yet).
    const merchant = await merchantStore.get(listed.id);
    if (!merchant || merchant.status !== 'approved' || merchant.roleGrantedAt) continue;
    const user = await userService.current(merchant.userId);
    // A closed account gets no role back (its profile is never written again): nobody can sign in to it.
    if (!user || isClosed(user)) continue;
    const missing = !user.roles.includes('merchant');
    await merchantService.grantRoleOnce(merchant, run.now);
    if (missing) run.report.merchantRolesGranted++;
  }
}

export const allianceReconciler = {
  /** Phase 1 alone: finish or undo stale claim attempts. */
  async settleClaims(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const run = begin(options);
    await settle(run);
    return run.report;
  },

  /** Phases 2 and 3 alone: the recounts. */
  async recount(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const run = begin(options);
    await recountAll(run, await offerStore.all(run.since));
    return run.report;
  },

  async run(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const run = begin(options);
    await settle(run);
    await recountAll(run, await offerStore.all(run.since));
    await grantMissingMerchantRoles(run);
    return run.report;
  },
};
