// WeChat: no printing from a mini-program; the CSV is downloaded with the session token and shared to a chat.
import Taro from '@tarojs/taro';

export const canPrint = false;

export function printReport(): void {
  // Printing happens from the H5 staff page on a computer.
}

export async function shareReportCsv(url: string, token: string | null, fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} });
  if (res.statusCode !== 200) throw new Error(`导出失败（${res.statusCode}）`);
  await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName: `${fileName}.csv` });
}
