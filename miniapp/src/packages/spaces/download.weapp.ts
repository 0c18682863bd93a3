// WeChat: the PNG (from the API, with the session token) goes to the photo album; SVG files cannot be saved on a
// phone, so staff are pointed to the H5 staff page on a computer.
import Taro from '@tarojs/taro';
import { API_BASE } from '../../api/baseUrl';
import { getToken } from '../../auth/session';

export async function saveDoorCode(
  kind: 'svg' | 'png',
  code: { svg: string; spaceId: string; fileName: string },
): Promise<void> {
  if (kind === 'svg') {
    await Taro.showModal({
      confirmColor: '#c8161d',
      title: '下载 SVG',
      content: '手机上无法保存 SVG 文件，请在电脑浏览器中打开工作人员页面下载。',
      showCancel: false,
    });
    return;
  }
  const file = await Taro.downloadFile({
    url: `${API_BASE}/spaces/${encodeURIComponent(code.spaceId)}/qrcode?format=png`,
    header: { Authorization: `Bearer ${getToken() ?? ''}` },
  });
  if (file.statusCode !== 200) throw new Error(`download failed: ${file.statusCode}`);
  await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath });
}
