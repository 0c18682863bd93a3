// 核销券码: scan the customer's QR code (WeChat) or type the code; the check symbol catches a typo before sending.
import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import {
  CLAIM_CODE_PROBLEM_MESSAGES,
  claimCodeProblem,
  formatClaimCode,
  normalizeClaimCode,
  type Claim,
} from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { NavBar, StaffOnly, useRequireAuth } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatFullDateTime } from '../../../../lib/districtTime';
import { canScan, scanCode } from '../../../../lib/scanCode';
import '../../components/forms.scss';
import './index.scss';

type Outcome = { kind: 'ok'; claim: Claim } | { kind: 'error'; message: string };

export default function MerchantRedeemPage() {
  const auth = useRequireAuth();
  const [typed, setTyped] = useState('');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Only an approved merchant redeems (the API answers 403 to anyone else): say so before a code is typed.
  if (auth.status === 'signedIn' && !auth.hasRole('merchant'))
    return <StaffOnly text="仅限联盟商户使用（入驻审核通过后可核销）" />;

  async function redeem(raw: string) {
    const code = normalizeClaimCode(raw);
    const problem = claimCodeProblem(code);
    if (problem) return setOutcome({ kind: 'error', message: CLAIM_CODE_PROBLEM_MESSAGES[problem] });
    setSending(true);
    setOutcome(null);
    try {
      const claim = await allianceApi.redeem(code);
      setOutcome({ kind: 'ok', claim });
      setTyped('');
    } catch (err) {
      const apiError = toApiError(err);
      setOutcome({ kind: 'error', message: apiError.fields?.code ?? apiError.message });
    } finally {
      setSending(false);
    }
  }

  async function scan() {
    const text = await scanCode();
    if (text) await redeem(text);
  }

  return (
    <View className="rc-page rc-merchant-redeem">
      <NavBar />
      {canScan ? (
        <Button
          className="rc-merchant-redeem__scan"
          {...buttonProps({ disabled: sending, onClick: () => void scan() })}
        >
          扫码核销
        </Button>
      ) : null}
      <View className="rc-merchant-form">
        <View className="rc-merchant-form__field">
          <View className="rc-merchant-form__label">
            {canScan ? '或输入券码' : '输入券码'}（不区分大小写，可带横线）
          </View>
          <Input
            className="rc-merchant-form__input rc-merchant-redeem__input"
            name="code"
            value={typed}
            placeholder="XXXX-XXXX-XXXX-XX"
            maxlength={24}
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => void redeem(typed)}
          />
        </View>
        <Button
          className="rc-merchant-form__submit"
          {...buttonProps({
            loading: sending,
            disabled: sending || typed.trim() === '',
            onClick: () => void redeem(typed),
          })}
        >
          核销
        </Button>
      </View>
      {outcome?.kind === 'ok' ? (
        <View className="rc-merchant-redeem__result rc-merchant-redeem__result--ok" role="status">
          <View className="rc-merchant-redeem__result-title">核销成功</View>
          <View>{outcome.claim.offerTitle}</View>
          <View className="rc-merchant-redeem__code">{formatClaimCode(outcome.claim.code)}</View>
          {outcome.claim.redeemedAt ? <View>{formatFullDateTime(outcome.claim.redeemedAt)}</View> : null}
        </View>
      ) : null}
      {outcome?.kind === 'error' ? (
        <View className="rc-merchant-redeem__result rc-merchant-redeem__result--error" role="alert">
          <View className="rc-merchant-redeem__result-title">未能核销</View>
          <View>{outcome.message}</View>
        </View>
      ) : null}
    </View>
  );
}
