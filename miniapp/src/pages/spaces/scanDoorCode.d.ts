/** Opens the platform's scanner for the door QR code; the scanned text, or null (cancelled / not available). */
export declare function scanDoorCode(): Promise<string | null>;
