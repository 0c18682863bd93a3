// WeChat: the in-app scanner (wx.scanCode). Returns the scanned text (the check-in URL or a bare token), or null
// when the user closed the scanner.
import Taro from '@tarojs/taro';

export async function scanDoorCode(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result || null;
  } catch {
    return null; // cancelled
  }
}
