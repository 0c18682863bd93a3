// Implemented per platform: exportCsv.h5.ts downloads the file in the browser; exportCsv.weapp.ts downloads it and
// offers to send it to a chat (WeChat cannot open CSV files itself).
export declare function exportSignupsCsv(url: string, token: string | null, fileName: string): Promise<void>;
