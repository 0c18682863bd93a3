import { View } from '@tarojs/components';
import { CLAIM_STATUS_LABELS, formatClaimCode, type Claim } from '@shared/api/alliance';
import { formatFullDateTime } from '../../../lib/districtTime';
import { QrCode } from './QrCode';
import './ClaimCard.scss';

export interface ClaimCardProps {
  claim: Claim;
  /** Show the QR code (the one the merchant scans). */
  expanded?: boolean;
  onToggle?: () => void;
}

/** A claimed code: grouped text a cashier can read aloud, its QR code, and its status. */
export function ClaimCard({ claim, expanded, onToggle }: ClaimCardProps) {
  const expired = claim.status === 'claimed' && Date.parse(claim.validUntil) <= Date.now();
  const status = expired ? '已过期' : CLAIM_STATUS_LABELS[claim.status];
  return (
    <View
      className={`rc-alliance-claim rc-alliance-claim--${expired ? 'expired' : claim.status}`}
      onClick={onToggle}
    >
      <View className="rc-alliance-claim__head">
        <View className="rc-alliance-claim__title">{claim.offerTitle}</View>
        <View className="rc-alliance-claim__status">{status}</View>
      </View>
      <View className="rc-alliance-claim__merchant">{claim.merchant.name}</View>
      <View className="rc-alliance-claim__code" data-code={claim.code}>
        {formatClaimCode(claim.code)}
      </View>
      {expanded && claim.status === 'claimed' && !expired ? (
        <View className="rc-alliance-claim__qr">
          <QrCode text={claim.code} />
          <View className="rc-alliance-claim__hint">到店出示二维码，或向店员报出券码</View>
        </View>
      ) : null}
      <View className="rc-alliance-claim__meta">
        {claim.redeemedAt
          ? `核销于 ${formatFullDateTime(claim.redeemedAt)}`
          : `有效期至 ${formatFullDateTime(claim.validUntil)}`}
      </View>
    </View>
  );
}
