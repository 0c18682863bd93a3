// Shared space API: typed calls for the spaces tab, the check-in page and the staff pages.
import type { Page } from '@shared/api/common';
import type {
  Checkin,
  CheckinReply,
  CreateSpaceRequest,
  QrCodeReply,
  Space,
  SpaceDetailReply,
  SpaceReply,
  SpaceSeriesReply,
  SpaceStatsReply,
  UpdateSpaceRequest,
} from '@shared/api/spaces';
import { api } from './client';

const base = (id: string) => `/spaces/${encodeURIComponent(id)}`;

export const spacesApi = {
  list: (cursor?: string) => api.get<Page<Space>>('/spaces', { limit: 100, cursor }),
  get: (id: string) => api.get<SpaceDetailReply>(base(id)),
  create: (body: CreateSpaceRequest) => api.post<SpaceReply>('/spaces', body),
  update: (id: string, body: UpdateSpaceRequest) => api.patch<SpaceReply>(base(id), body),
  checkIn: (id: string, token: string) => api.post<CheckinReply>(`${base(id)}/checkins`, { token }),
  checkOut: (id: string) => api.post<CheckinReply>(`${base(id)}/checkout`),
  qrcode: (id: string) => api.get<QrCodeReply>(`${base(id)}/qrcode`),
  /** The printable SVG (the code with the space's name under it), as text. */
  qrcodeSvg: (id: string) => api.get<string>(`${base(id)}/qrcode`, { format: 'svg' }),
  rotateQrcode: (id: string) => api.post<QrCodeReply>(`${base(id)}/qrcode/rotate`),
  stats: (id: string, date?: string) => api.get<SpaceStatsReply>(`${base(id)}/stats`, { date }),
  series: (id: string, days = 30) => api.get<SpaceSeriesReply>(`${base(id)}/stats/daily`, { days }),
  myCheckins: (cursor?: string) => api.get<Page<Checkin>>('/me/checkins', { cursor }),
};
