import { LegalDoc } from '../../components/LegalDoc';
import { TERMS_INTRO, TERMS_SECTIONS } from '../../content/terms';

/** 用户协议. */
export default function TermsPage() {
  return <LegalDoc title="用户协议" intro={TERMS_INTRO} sections={TERMS_SECTIONS} />;
}
