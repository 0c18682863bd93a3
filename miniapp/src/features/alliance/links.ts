// Pages of the alliance's two subpackages (alliance: users; merchant: merchants and staff), which link to each other.
export const ALLIANCE_OFFERS_PAGE = '/packages/alliance/pages/offers/index';
export const ALLIANCE_CODES_PAGE = '/packages/alliance/pages/codes/index';
export const allianceOfferPage = (offerId: string) =>
  `/packages/alliance/pages/detail/index?id=${encodeURIComponent(offerId)}`;
export const MERCHANT_APPLY_PAGE = '/packages/merchant/pages/apply/index';
export const MERCHANT_SHOP_PAGE = '/packages/merchant/pages/shop/index';
export const MERCHANT_REDEEM_PAGE = '/packages/merchant/pages/redeem/index';
export const merchantOfferFormPage = (offerId?: string) =>
  `/packages/merchant/pages/offer-form/index${offerId ? `?id=${encodeURIComponent(offerId)}` : ''}`;
export const STAFF_REVIEW_PAGE = '/packages/merchant/pages/review/index';
export const STAFF_FIGURES_PAGE = '/packages/merchant/pages/figures/index';
