// The H5 check-in page URL printed in the door code. On WeChat the same URL opens the mini-program's check-in
// page through the "scan ordinary QR codes to open the mini-program" rule (configured in the WeChat console).
import { CHECKIN_PAGE_PATH } from '../../shared/api/spaces';
import { optionalEnv } from '../lib/config';

/** H5_BASE_URL when set (production: the H5 site's origin); else the origin the request came through. */
export function checkinPageUrl(headers: Record<string, string>, spaceId: string, token: string): string {
  const configured = optionalEnv('H5_BASE_URL', '');
  const origin =
    configured ||
    headers['origin'] ||
    `${headers['x-forwarded-proto'] ?? 'http'}://${headers['x-forwarded-host'] ?? headers['host'] ?? 'localhost'}`;
  const query = `spaceId=${encodeURIComponent(spaceId)}&token=${encodeURIComponent(token)}`;
  return `${origin.replace(/\/+$/, '')}${CHECKIN_PAGE_PATH}?${query}`;
}
