// Figures: per offer claimed / redeemed for its merchant; for staff per alliance and per merchant, and how many
// merchants take part (approved merchants that have posted at least one offer).
import {
  ALLIANCES,
  type Alliance,
  type AllianceStatsReply,
  type MerchantStatsReply,
  type OfferFigures,
} from '../../shared/api/alliance';
import { nowIso } from '../lib/time';
import { merchantStore } from './merchantStore';
import { offerFromItem, type OfferRecord } from './offerStore';
import { queryAll } from './pagedQuery';
import { offerStatus } from './views';

const emptyFigures = (): OfferFigures => ({ offers: 0, quantity: 0, claimed: 0, redeemed: 0 });

function add(figures: OfferFigures, offer: OfferRecord): void {
  figures.offers++;
  figures.quantity += offer.quantity;
  figures.claimed += offer.claimed;
  figures.redeemed += offer.redeemed;
}

export const statsService = {
  async forMerchant(merchantId: string): Promise<MerchantStatsReply> {
    const now = nowIso();
    const offers = (
      await queryAll({
        index: 'byOwner',
        keyCondition: 'ownerPk = :pk',
        values: { ':pk': `MERCHANT#${merchantId}` },
        newestFirst: true,
      })
    ).map(offerFromItem);
    const totals = emptyFigures();
    for (const offer of offers) add(totals, offer);
    return {
      totals,
      byOffer: offers.map((o) => ({
        offerId: o.id,
        title: o.title,
        status: offerStatus(o, now),
        quantity: o.quantity,
        claimed: o.claimed,
        redeemed: o.redeemed,
      })),
    };
  },

  async forStaff(): Promise<AllianceStatsReply> {
    const [pending, approved, rejected, offerItems] = await Promise.all([
      merchantStore.countByStatus('pending'),
      merchantStore.countByStatus('approved'),
      merchantStore.countByStatus('rejected'),
      queryAll({ index: 'byQueue', keyCondition: 'queuePk = :pk', values: { ':pk': 'OFFERS' } }),
    ]);
    const byAlliance = Object.fromEntries(
      ALLIANCES.map((a) => [a, { ...emptyFigures(), merchants: 0 }]),
    ) as AllianceStatsReply['byAlliance'];
    const merchantsByAlliance = new Map<Alliance, Set<string>>(ALLIANCES.map((a) => [a, new Set()]));
    const byMerchant = new Map<string, AllianceStatsReply['byMerchant'][number]>();
    for (const offer of offerItems.map(offerFromItem)) {
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
