// WeChat: no printing from a mini-program; the CSV is downloaded with the session token and shared to a chat.
import { ApiError } from '../../api/errors';
import Taro from '@tarojs/taro';

export const canPrint = false;

export function printReport(): void {
  // Printing happens from the H5 staff page on a computer.
}

export async function shareReportCsv(url: string, token: string | null, fileName: string): Promise<void> {
  // Failures as the API client reports them: a Chinese message, and 401.
  const res = await Taro.downloadFile({
    url,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  }).catch((err) => {
    throw ApiError.network(err);
  });
  if (res.statusCode !== 200) throw ApiError.fromResponse(res.statusCode, null);
  await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName: `${fileName}.csv` });
}
