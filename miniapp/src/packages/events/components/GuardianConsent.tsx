// Youth sign-up: the guardian's explicit consent (PIPL art. 31) — a box that starts unticked, naming the policy version
// and linking the policy; the API refuses a youth sign-up without it (guardianConsent).
import { View } from '@tarojs/components';
import { PRIVACY_POLICY_VERSION } from '@shared/api/users';
import { LEGAL_PAGES } from '../../../auth/legal';
import { openPage } from '../../../navigation';
import './GuardianConsent.scss';

/** The request field for a ticked box. */
export const guardianConsentOf = (agreed: boolean) =>
  agreed ? { guardianConsent: { agreed: true as const, policyVersion: PRIVACY_POLICY_VERSION } } : {};

export function GuardianConsent({
  checked,
  onChange,
  error,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <View className="rc-events-consent">
      <View
        className="rc-events-consent__row"
        role="checkbox"
        aria-checked={checked}
        onClick={() => onChange(!checked)}
      >
        <View className={`rc-events-consent__box${checked ? ' rc-events-consent__box--on' : ''}`}>
          {checked ? '✓' : ''}
        </View>
        <View className="rc-events-consent__text">
          我是孩子的监护人，同意提供孩子的姓名、年龄用于本次活动报名与签到（活动结束 30 天后删除），并已阅读
          <View
            className="rc-events-consent__link"
            onClick={(e) => {
              e.stopPropagation();
              void openPage(LEGAL_PAGES.privacy.url);
            }}
          >
            《隐私政策》
          </View>
          （版本 {PRIVACY_POLICY_VERSION}）
        </View>
      </View>
      {error ? <View className="rc-events-consent__error">{error}</View> : null}
    </View>
  );
}
