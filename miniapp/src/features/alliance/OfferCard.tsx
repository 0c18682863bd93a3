import { View } from '@tarojs/components';
import { ALLIANCE_LABELS, OFFER_STATUS_LABELS, type Offer } from '@shared/api/alliance';
import { formatMonthDay } from '../../lib/districtTime';
import './OfferCard.scss';

export interface OfferCardProps {
  offer: Offer;
  onClick?: () => void;
  /** Show the status tag (merchant's own list), not only the remaining count. */
  showStatus?: boolean;
}

/** An offer in a list: alliance, title, merchant, what is left and until when (alliance offers, merchant's shop). */
export function OfferCard({ offer, onClick, showStatus }: OfferCardProps) {
  const soldOut = offer.remaining === 0;
  return (
    <View className="rc-alliance-card" onClick={onClick} data-offer-id={offer.id}>
      <View className="rc-alliance-card__top">
        <View className="rc-alliance-card__tag">{ALLIANCE_LABELS[offer.alliance]}</View>
        {showStatus ? (
          <View className={`rc-alliance-card__status rc-alliance-card__status--${offer.status}`}>
            {OFFER_STATUS_LABELS[offer.status]}
          </View>
        ) : null}
      </View>
      <View className="rc-alliance-card__title">{offer.title}</View>
      <View className="rc-alliance-card__merchant">{offer.merchant.name}</View>
      <View className="rc-alliance-card__bottom">
        <View
          className={
            soldOut
              ? 'rc-alliance-card__remaining rc-alliance-card__remaining--out'
              : 'rc-alliance-card__remaining'
          }
        >
          {soldOut ? '已抢完' : `剩余 ${offer.remaining} / ${offer.quantity}`}
        </View>
        <View className="rc-alliance-card__until">{formatMonthDay(offer.validUntil)}截止</View>
      </View>
    </View>
  );
}
