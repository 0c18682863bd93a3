// Staff dashboard API: the figures of a range, and the CSV report's address (downloaded with the session token).
import type { DashboardReply, RangePreset } from '@shared/api/admin';
import { api, buildUrl } from './client';

export type DashboardRange = { preset: RangePreset } | { from: string; to: string };

export const adminApi = {
  dashboard: (range: DashboardRange) => api.get<DashboardReply>('/admin/dashboard', { ...range }),
  reportCsvUrl: (from: string, to: string) => buildUrl('/admin/dashboard', { from, to, format: 'csv' }),
};
