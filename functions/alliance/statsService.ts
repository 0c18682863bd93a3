// Figures: per offer claimed / redeemed for its merchant; for staff per alliance and per merchant, and how many
// merchants take part (approved merchants that have posted at least one offer).
import {
  ALLIANCES,
  type Alliance,
  type AllianceStatsReply,
  type MerchantStatsReply,
  type OfferFigures,
} from '../../shared/api/alliance';
import type { CurrentUser } from '../lib/principal';
import { nowIso } from '../lib/time';
import { merchantService } from './merchantService';
import { merchantStore } from './merchantStore';
import type { OfferRecord } from './model';
import { offerStore } from './offerStore';
import { toOfferFigures } from './views';

const emptyFigures = (): OfferFigures => ({ offers: 0, quantity: 0, claimed: 0, redeemed: 0 });

function add(figures: OfferFigures, offer: OfferRecord): void {
  figures.offers++;
  figures.quantity += offer.quantity;
  figures.claimed += offer.claimed;
  figures.redeemed += offer.redeemed;
}

export const statsService = {
  /** Figures of the caller's approved merchant: totals and one row per offer, latest-ending first. */
  async forMerchant(caller: CurrentUser): Promise<MerchantStatsReply> {
    const merchant = await merchantService.requireApproved(caller);
    const now = nowIso();
    const offers = await offerStore.allForMerchant(merchant.id);
    const totals = emptyFigures();
    for (const offer of offers) add(totals, offer);
    return { totals, byOffer: offers.map((offer) => toOfferFigures(offer, now)) };
  },

  async forStaff(): Promise<AllianceStatsReply> {
    const [pending, approved, rejected, offers] = await Promise.all([
      merchantStore.countByStatus('pending'),
      merchantStore.countByStatus('approved'),
      merchantStore.countByStatus('rejected'),
      offerStore.all(),
    ]);
    const byAlliance = Object.fromEntries(
      ALLIANCES.map((a) => [a, { ...emptyFigures(), merchants: 0 }]),
    ) as AllianceStatsReply['byAlliance'];
    const merchantsByAlliance = new Map<Alliance, Set<string>>(ALLIANCES.map((a) => [a, new Set()]));
    const byMerchant = new Map<string, AllianceStatsReply['byMerchant'][number]>();
    for (const offer of offers) {
      add(byAlliance[offer.alliance], offer);
      merchantsByAlliance.get(offer.alliance)!.add(offer.merchantId);
      let row = byMerchant.get(offer.merchantId);
      if (!row) {
        row = {
          merchant: { id: offer.merchantId, name: offer.merchantName },
          alliances: [],
          ...emptyFigures(),
        };
        byMerchant.set(offer.merchantId, row);
      }
      add(row, offer);
      if (!row.alliances.includes(offer.alliance)) row.alliances.push(offer.alliance);
    }
    for (const a of ALLIANCES) byAlliance[a].merchants = merchantsByAlliance.get(a)!.size;
    return {
      merchants: { pending, approved, rejected, participating: byMerchant.size },
      byAlliance,
      byMerchant: [...byMerchant.values()].sort(
        (x, y) => y.claimed - x.claimed || x.merchant.name.localeCompare(y.merchant.name),
      ),
    };
  },
};
