// Implemented per platform: scanCode.weapp.ts (the camera, via Taro.scanCode) and scanCode.h5.ts (no in-page scanner:
// the page offers a text field, or explains how to scan with the phone's own camera).
/** True where a QR code can be scanned with the camera from inside the app. */
export declare const canScan: boolean;
/** Opens the camera and resolves with the scanned text, or null when cancelled (or where there is no scanner). */
export declare function scanCode(): Promise<string | null>;
