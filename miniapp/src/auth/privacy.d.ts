// Implemented per platform: privacy.weapp.ts (wx.onNeedPrivacyAuthorization with the app's own popup) and
// privacy.h5.ts (a browser has no WeChat privacy API: nothing to guard).
/** Registers the handler once at launch (app.tsx): WeChat then holds every privacy API until the user agrees. */
export declare function installPrivacyGuard(): void;
/** Subscribes a popup to "consent needed" (true) / "answered" (false); returns the unsubscribe. */
export declare function onPrivacyRequest(listener: (open: boolean) => void): () => void;
export declare function privacyRequestPending(): boolean;
/** The user's answer, from the popup; `agree` needs the id of the tapped agreePrivacyAuthorization button. */
export declare function answerPrivacy(
  answer: { event: 'agree'; buttonId: string } | { event: 'disagree' },
): void;
/** Opens WeChat's page of this mini-program's privacy guide (用户隐私保护指引). */
export declare function openPrivacyContract(): void;
