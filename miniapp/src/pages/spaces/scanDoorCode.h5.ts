// H5: there is no in-page scanner; the phone's own camera opens the printed code's URL, which is the check-in page.
import Taro from '@tarojs/taro';

export async function scanDoorCode(): Promise<string | null> {
  await Taro.showModal({
    title: '扫码入场',
    content: '请用手机相机或微信“扫一扫”扫描空间门口的二维码，将直接打开签到页面。',
    showCancel: false,
    confirmText: '知道了',
  });
  return null;
}
