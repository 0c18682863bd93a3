// Implemented per platform: subscribe.weapp.ts asks WeChat for the one-time subscribe consent; subscribe.h5.ts has
// no such thing in a browser and answers false.
/** Asks the user, on their tap, to allow one reminder message; resolves true when they accepted. */
export declare function askReminderConsent(): Promise<boolean>;
