// Implemented per platform: share.h5.ts downloads the CSV and prints the page from the browser; share.weapp.ts
// downloads the CSV with the session token and sends it to a WeChat chat (shareFileMessage).
export declare const canPrint: boolean;
export declare function printReport(): void;
export declare function shareReportCsv(url: string, token: string | null, fileName: string): Promise<void>;
