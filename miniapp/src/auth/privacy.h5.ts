// A browser has no WeChat privacy APIs and no privacy guide of WeChat's: nothing is held, the popup never opens.
export function installPrivacyGuard(): void {}

export function onPrivacyRequest(): () => void {
  return () => undefined;
}

export function privacyRequestPending(): boolean {
  return false;
}

export function answerPrivacy(): void {}

export function openPrivacyContract(): void {}
