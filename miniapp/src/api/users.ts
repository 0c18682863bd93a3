import type { LoginReply, UpdateMeRequest, User, UserReply } from '@shared/api/users';
import { api } from './client';

export const usersApi = {
  /** `code`: wx.login's code on weapp, `dev:<account>` with the local provider. */
  login: (code: string) => api.post<LoginReply>('/auth/login', { code }, { auth: false }),
  me: async (): Promise<User> => (await api.get<UserReply>('/me')).user,
  updateMe: async (changes: UpdateMeRequest): Promise<User> =>
    (await api.patch<UserReply>('/me', changes)).user,
};
