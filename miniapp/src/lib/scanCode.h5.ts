// H5: no in-page scanner (pages hide their scan button or explain how to use the phone's camera).
export const canScan = false;

export async function scanCode(): Promise<string | null> {
  return null;
}
