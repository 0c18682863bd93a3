// The H5 build has no camera scanner: the merchant types the code (the page hides the scan button).
export const canScan = false;

export async function scanClaimCode(): Promise<string | null> {
  return null;
}
