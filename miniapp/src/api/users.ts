import type { LoginReply, MyDataExport, UpdateMeRequest, User, UserReply } from '@shared/api/users';
import { api } from './client';

export const usersApi = {
  /** `code`: wx.login's code on weapp, `dev:<account>` with the local provider. */
  login: (code: string) => api.post<LoginReply>('/auth/login', { code }, { auth: false }),
  me: async (): Promise<User> => (await api.get<UserReply>('/me')).user,
  updateMe: async (changes: UpdateMeRequest): Promise<User> =>
    (await api.patch<UserReply>('/me', changes)).user,
  /** Everything stored about the caller (设置 → 导出我的数据). */
  exportMyData: () => api.get<MyDataExport>('/me/export'),
  /** Closes the account at once (204): its tokens are refused afterwards. */
  closeAccount: () => api.delete('/me'),
};
