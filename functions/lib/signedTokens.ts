// Short signed tokens for QR codes (door codes, tickets): `<keyVersion>.<payload>.<mac>`, HMAC-SHA256 with
// versioned keys from QR_KEYS ("v2:secret2,v1:secret1"; the first signs, all verify), so a leaked key can be rotated.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from './config';

type Payload = Record<string, string | number>;

function keys(): { version: string; secret: string }[] {
  const parsed = config
    .qrKeys()
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      return { version: entry.slice(0, i), secret: entry.slice(i + 1) };
    })
    .filter((k) => /^[a-z0-9]{1,8}$/.test(k.version) && k.secret.length >= 16);
  if (parsed.length === 0)
    throw new Error('QR_KEYS must hold at least one key like v1:<secret of 16+ chars>');
  return parsed;
}

function mac(secret: string, purpose: string, version: string, payload: string): string {
  return createHmac('sha256', secret)
    .update(`${purpose}|${version}|${payload}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Signs `payload` for one purpose (e.g. 'door', 'ticket'); a token of one purpose never verifies as another. */
export function signToken(purpose: string, payload: Payload): string {
  const { version, secret } = keys()[0];
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${version}.${body}.${mac(secret, purpose, version, body)}`;
}

/** The payload if the token is genuine and of this purpose, else null. */
export function verifyToken<T extends Payload>(purpose: string, token: string): T | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  const [version, body, given] = parts;
  const key = keys().find((k) => k.version === version);
  if (!key) return null;
  const expected = Buffer.from(mac(key.secret, purpose, version, body));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as T) : null;
  } catch {
    return null;
  }
}
