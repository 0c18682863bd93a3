// Download with the session token, then share the file to a chat (where Excel/WPS opens it).
import Taro from '@tarojs/taro';

export async function exportSignupsCsv(url: string, token: string | null, fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} });
  if (res.statusCode !== 200) throw new Error(`导出失败（${res.statusCode}）`);
  await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName: `${fileName}.csv` });
}
