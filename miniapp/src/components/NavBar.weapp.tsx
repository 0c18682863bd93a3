// WeChat draws the title bar and its back arrow from the page config (navigationBarTitleText). Every sub-page puts
// the NavBar first, so it also carries the privacy popup, which opens only when WeChat asks for consent.
import { PrivacyPopup } from '../auth/PrivacyPopup';

export function NavBar() {
  return <PrivacyPopup />;
}
