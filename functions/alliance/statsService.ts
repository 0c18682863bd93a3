// Figures: per offer claimed / redeemed for its merchant; for staff per alliance and per merchant, and how many
// merchants take part (approved merchants that have posted at least one offer). Totals come from the figures items
// (one per merchant and alliance, figuresStore.ts), never from reading every offer: a merchant's figures read two
// items and one page of its offers; the staff figures read one item per merchant and alliance.
import {
  ALLIANCES,
  type AllianceStatsReply,
  type MerchantStatsReply,
  type OfferFigures,
} from '../../shared/api/alliance';
import type { CurrentUser } from '../lib/principal';
import { nowIso } from '../lib/time';
import { figuresStore } from './figuresStore';
import { merchantService } from './merchantService';
import { merchantStore } from './merchantStore';
import type { FiguresRecord } from './model';
import { offerStore } from './offerStore';
import { toOfferFigures } from './views';

const emptyFigures = (): OfferFigures => ({ offers: 0, quantity: 0, claimed: 0, redeemed: 0 });

function add(figures: OfferFigures, item: FiguresRecord): void {
  figures.offers += item.offers;
  figures.quantity += item.quantity;
  figures.claimed += item.claimed;
  figures.redeemed += item.redeemed;
}

export const statsService = {
  /** Figures of the caller's approved merchant: totals, and one page of rows per offer, latest-ending first. */
  async forMerchant(caller: CurrentUser, limit: number, cursor?: string): Promise<MerchantStatsReply> {
    const merchant = await merchantService.requireApproved(caller);
    const now = nowIso();
    const [figures, page] = await Promise.all([
      figuresStore.forMerchant(merchant.id),
      offerStore.listForMerchant(merchant.id, limit, cursor),
    ]);
    const totals = emptyFigures();
    for (const item of figures) add(totals, item);
    return {
      totals,
      byOffer: page.items.map((offer) => toOfferFigures(offer, now)),
      nextCursor: page.nextCursor,
    };
  },

  async forStaff(): Promise<AllianceStatsReply> {
    const [pending, approved, rejected, figures] = await Promise.all([
      merchantStore.countByStatus('pending'),
      merchantStore.countByStatus('approved'),
      merchantStore.countByStatus('rejected'),
      figuresStore.all(),
    ]);
    const byAlliance = Object.fromEntries(
      ALLIANCES.map((a) => [a, { ...emptyFigures(), merchants: 0 }]),
    ) as AllianceStatsReply['byAlliance'];
    const byMerchant = new Map<string, AllianceStatsReply['byMerchant'][number]>();
    for (const item of figures) {
      if (item.offers <= 0) continue;
      add(byAlliance[item.alliance], item);
      byAlliance[item.alliance].merchants++;
      let row = byMerchant.get(item.merchantId);
      if (!row) {
        row = {
          merchant: { id: item.merchantId, name: item.merchantName },
          alliances: [],
          ...emptyFigures(),
        };
        byMerchant.set(item.merchantId, row);
      }
      add(row, item);
      row.alliances.push(item.alliance);
    }
    return {
      merchants: { pending, approved, rejected, participating: byMerchant.size },
      byAlliance,
      byMerchant: [...byMerchant.values()].sort(
        (x, y) => y.claimed - x.claimed || x.merchant.name.localeCompare(y.merchant.name),
      ),
    };
  },
};
