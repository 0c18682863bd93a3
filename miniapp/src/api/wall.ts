// The message wall's API calls, typed by the shared schemas (shared/api/wall.ts).
import type { Page } from '@shared/api/common';
import type {
  DecisionRequest,
  LikeReply,
  Message,
  MessageReply,
  MessageStatus,
  PostMessageRequest,
  WallSettings,
  WallSettingsRequest,
} from '@shared/api/wall';
import { api } from './client';

export const wallApi = {
  wall: (cursor?: string | null, limit = 20) => api.get<Page<Message>>('/messages', { limit, cursor }),
  mine: (cursor?: string | null, limit = 20) => api.get<Page<Message>>('/me/messages', { limit, cursor }),
  /** Pass the same `idempotencyKey` when retrying one submission, so it never posts twice. */
  post: async (request: PostMessageRequest, idempotencyKey?: string): Promise<Message> =>
    (await api.post<MessageReply>('/messages', request, { idempotencyKey })).message,
  like: (id: string) => api.put<LikeReply>(`/messages/${encodeURIComponent(id)}/like`),
  unlike: (id: string) => api.delete<LikeReply>(`/messages/${encodeURIComponent(id)}/like`),
  remove: (id: string) => api.delete<void>(`/messages/${encodeURIComponent(id)}`),

  // Staff
  /** `pending` is the queue (oldest first); `published` and `rejected` are newest first. */
  queue: (status: MessageStatus, cursor?: string | null, limit = 20) =>
    api.get<Page<Message>>('/admin/messages', { status, limit, cursor }),
  decide: async (id: string, request: DecisionRequest): Promise<Message> =>
    (await api.post<MessageReply>(`/admin/messages/${encodeURIComponent(id)}/decision`, request)).message,
  settings: async (): Promise<WallSettings> =>
    (await api.get<{ settings: WallSettings }>('/admin/settings/wall')).settings,
  saveSettings: async (request: WallSettingsRequest): Promise<WallSettings> =>
    (await api.put<{ settings: WallSettings }>('/admin/settings/wall', request)).settings,
};
