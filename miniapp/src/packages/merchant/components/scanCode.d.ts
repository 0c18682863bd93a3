// Implemented per platform: scanCode.weapp.ts (the camera, via Taro.scanCode) and scanCode.h5.ts (no camera scan).
/** True where the merchant can scan a QR code with the camera. */
export declare const canScan: boolean;
/** Opens the camera and resolves with the scanned text, or null when the merchant cancels. */
export declare function scanClaimCode(): Promise<string | null>;
