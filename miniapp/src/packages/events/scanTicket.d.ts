// Implemented per platform: scanTicket.weapp.ts (the camera, via Taro.scanCode) and scanTicket.h5.ts (no camera:
// staff paste or type the ticket text instead).
export declare const canScan: boolean;
/** Opens the camera and resolves with the scanned ticket text, or null when cancelled. */
export declare function scanTicket(): Promise<string | null>;
