// Implemented per platform: scanCode.weapp.ts (the camera, via Taro.scanCode) and scanCode.h5.ts (the camera in the
// page, decoded with jsQR; the typed-code field stays as the other way in).
/** True where a QR code can be scanned with the camera from inside the app. */
export declare const canScan: boolean;
/** Opens the camera and resolves with the scanned text, or null when cancelled (or where there is no scanner). */
export declare function scanCode(): Promise<string | null>;
