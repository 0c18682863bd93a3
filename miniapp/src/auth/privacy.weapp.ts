// WeChat 小程序隐私协议开发指南: before a privacy API (saveImageToPhotosAlbum, scanCode, clipboard, phone number …)
// runs for a user who has not agreed yet, WeChat calls onNeedPrivacyAuthorization and holds the call. We show our
// own popup (PrivacyPopup) and answer with resolve: agree (with the id of the tapped agreePrivacyAuthorization
// button) lets the held call go on; disagree makes it fail ("privacy permission is not authorized").
type Answer =
  { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
type Resolve = (answer: Answer) => void;

interface WxPrivacy {
  onNeedPrivacyAuthorization?: (handler: (resolve: Resolve) => void) => void;
  openPrivacyContract?: (options: { fail?: (err: unknown) => void }) => void;
}

declare const wx: WxPrivacy | undefined;

let resolvePending: Resolve | null = null;
const listeners = new Set<(open: boolean) => void>();
let installed = false;

function notify(open: boolean): void {
  for (const listener of listeners) listener(open);
}

export function installPrivacyGuard(): void {
  if (installed || typeof wx === 'undefined' || !wx?.onNeedPrivacyAuthorization) return;
  installed = true;
  wx.onNeedPrivacyAuthorization((resolve) => {
    resolvePending = resolve;
    notify(true);
    // Tell WeChat the popup is on screen.
    resolve({ event: 'exposureAuthorization' });
  });
}

export function onPrivacyRequest(listener: (open: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function privacyRequestPending(): boolean {
  return resolvePending !== null;
}

export function answerPrivacy(answer: { event: 'agree'; buttonId: string } | { event: 'disagree' }): void {
  const resolve = resolvePending;
  resolvePending = null;
  resolve?.(answer);
  notify(false);
}

export function openPrivacyContract(): void {
  wx?.openPrivacyContract?.({ fail: (err) => console.error('openPrivacyContract failed', err) });
}
