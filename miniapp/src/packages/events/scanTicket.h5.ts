export const canScan = false;

export async function scanTicket(): Promise<string | null> {
  return null;
}
