import Taro from '@tarojs/taro';

export const canScan = true;

export async function scanTicket(): Promise<string | null> {
  try {
    return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
  } catch {
    return null; // cancelled or camera refused: the text field still works
  }
}
