import Taro from '@tarojs/taro';

export const canScan = true;

export async function scanClaimCode(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result;
  } catch {
    // Cancelled, or the camera was refused: the merchant can still type the code.
    return null;
  }
}
