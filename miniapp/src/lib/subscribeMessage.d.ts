// Implemented per platform: subscribeMessage.weapp.ts asks WeChat for one-time subscribe-message consent;
// subscribeMessage.h5.ts has no such thing in a browser and answers false.
/**
 * Asks the user, on their tap, to allow one message of the template (mp console → 订阅消息); resolves true when
 * they accepted. False without a template id (a local build) and on H5.
 */
export declare function askSubscribeConsent(templateId: string): Promise<boolean>;

/** Template ids set when building (TARO_APP_*_TEMPLATE_ID, miniapp/config/buildEnv.ts); empty in a local build. */
export declare const TEMPLATE_IDS: { venueReminder: string; serviceStatus: string };
