// Door codes: the signed token printed at the space's door, the H5 URL the printed code holds, rotating a leaked
// code, and the printable images. The token carries the space and the code's revision, so rotating invalidates
// every earlier print.
//
// The URL: on WeChat the same URL opens the mini-program's check-in page through the "scan ordinary QR codes to
// open the mini-program" rule (configured in the WeChat console).
import { CHECKIN_PAGE_PATH, type QrCodeReply } from '../../shared/api/spaces';
import { optionalEnv } from '../lib/config';
import { NotFoundError } from '../lib/errors';
import { signToken } from '../lib/signedTokens';
import { spacesClock } from './clock';
import { doorCodePng, doorCodeSvg } from './doorCodeImage';
import { DOOR_TOKEN_PURPOSE, type DoorToken, type SpaceRecord } from './model';
import { spaceService } from './spaceService';
import { spaceStore } from './spaceStore';

export type DoorCodePrint =
  | { format: 'json'; reply: QrCodeReply }
  | { format: 'svg'; image: string; filename: string }
  | { format: 'png'; image: Buffer; filename: string };

/** The origin (scheme, host, port) of an http(s) address, or null for anything else or anything overlong. */
function originOf(address: string | undefined): string | null {
  if (!address || address.length > 255) return null;
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * H5_BASE_URL when set (production: the H5 site's origin); else the origin the request came through (local runs),
 * taken only as a plain http(s) origin: a header that is not one (or is overlong) is passed over, so what is printed
 * stays a short address the code can hold.
 */
function checkinPageUrl(headers: Record<string, string>, spaceId: string, token: string): string {
  const configured = optionalEnv('H5_BASE_URL', '');
  const host = headers['x-forwarded-host'] ?? headers['host'];
  const origin =
    configured ||
    originOf(headers['origin']) ||
    originOf(host && `${headers['x-forwarded-proto'] ?? 'http'}://${host}`) ||
    'http://localhost';
  const query = `spaceId=${encodeURIComponent(spaceId)}&token=${encodeURIComponent(token)}`;
  return `${origin.replace(/\/+$/, '')}${CHECKIN_PAGE_PATH}?${query}`;
}

async function currentCode(spaceId: string, headers: Record<string, string>) {
  const { space, token } = await doorCodeService.token(spaceId);
  const reply: QrCodeReply = {
    token,
    url: checkinPageUrl(headers, space.id, token),
    qrRevision: space.qrRevision,
  };
  return { space, reply };
}

export const doorCodeService = {
  /** The signed text of the space's current door code. */
  async token(spaceId: string): Promise<{ space: SpaceRecord; token: string }> {
    const space = await spaceService.require(spaceId);
    const payload: DoorToken = { s: space.id, r: space.qrRevision };
    return { space, token: signToken(DOOR_TOKEN_PURPOSE, payload) };
  },

  /** The current code as `{token, url, qrRevision}`, or printed as an SVG (name and address under it) or PNG. */
  async print(
    spaceId: string,
    format: 'json' | 'svg' | 'png',
    headers: Record<string, string>,
  ): Promise<DoorCodePrint> {
    const { space, reply } = await currentCode(spaceId, headers);
    const filename = `space-${space.id}.${format}`;
    if (format === 'svg')
      return { format, image: doorCodeSvg(reply.url, space.name, space.address), filename };
    if (format === 'png') return { format, image: doorCodePng(reply.url), filename };
    return { format, reply };
  },

  /** Staff replace a leaked or damaged door code: every earlier print stops working (403 INVALID_QR). */
  async rotate(spaceId: string, headers: Record<string, string>): Promise<QrCodeReply> {
    const revision = await spaceStore.rotateQr(spaceId, new Date(spacesClock.now()).toISOString());
    if (revision === null) throw new NotFoundError('空间不存在');
    return (await currentCode(spaceId, headers)).reply;
  },
};
