// WeChat: the in-app scanner (wx.scanCode), QR codes only.
import Taro from '@tarojs/taro';

export const canScan = true;

export async function scanCode(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result || null;
  } catch {
    return null; // cancelled, or the camera was refused: the page's other way in still works
  }
}
