import { LegalDoc } from '../../components/LegalDoc';
import { PRIVACY_INTRO, PRIVACY_SECTIONS } from '../../content/privacy';

/** 隐私政策. */
export default function PrivacyPage() {
  return <LegalDoc title="隐私政策" intro={PRIVACY_INTRO} sections={PRIVACY_SECTIONS} />;
}
