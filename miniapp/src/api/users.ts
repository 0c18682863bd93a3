import type { LoginReply, MyDataExport, UpdateMeRequest, User, UserReply } from '@shared/api/users';
import { API_PREFIX } from '@shared/api/common';
import { API_BASE } from './baseUrl';
import { api } from './client';

/** A profile's avatarUrl (origin-relative, `/v1/…`) as an <Image> src: the API's origin in front. */
export const avatarSrc = (avatarUrl: string) => `${API_BASE.slice(0, -API_PREFIX.length)}${avatarUrl}`;

export const usersApi = {
  /** `code`: wx.login's code on weapp, `dev:<account>` with the local provider. */
  login: (code: string) => api.post<LoginReply>('/auth/login', { code }, { auth: false }),
  me: async (): Promise<User> => (await api.get<UserReply>('/me')).user,
  updateMe: async (changes: UpdateMeRequest): Promise<User> =>
    (await api.patch<UserReply>('/me', changes)).user,
  /** A small square JPEG or PNG (base64, ≤ 24 KB decoded) as the profile picture. */
  setAvatar: async (image: string): Promise<User> => (await api.put<UserReply>('/me/avatar', { image })).user,
  /** Back to the default picture. */
  removeAvatar: async (): Promise<User> => (await api.delete<UserReply>('/me/avatar')).user,
  /** Everything stored about the caller (设置 → 导出我的数据). */
  exportMyData: () => api.get<MyDataExport>('/me/export'),
  /** Closes the account at once (204): its tokens are refused afterwards. */
  closeAccount: () => api.delete('/me'),
};
