// Implemented per platform: baseUrl.h5.ts (same origin) and baseUrl.weapp.ts (build-time API_BASE_URL).
/** Absolute or origin-relative URL of the API, ending in /v1 (no trailing slash). */
export declare const API_BASE: string;
