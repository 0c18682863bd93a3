// Implemented per platform: signInPrompt.weapp.ts (a silent wx.login) and signInPrompt.h5.tsx (a sheet over the page).
/** Asks the user to sign in; `signIn` exchanges a code for a session. True when signed in, false when declined. */
export declare function promptSignIn(signIn: (code: string) => Promise<void>): Promise<boolean>;
