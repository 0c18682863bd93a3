// Download with the session token, then share the file to a chat (where Excel/WPS opens it).
import { ApiError } from '../../api/errors';
import Taro from '@tarojs/taro';

export async function exportSignupsCsv(url: string, token: string | null, fileName: string): Promise<void> {
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
