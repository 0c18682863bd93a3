// Opaque list cursors: the store's LastEvaluatedKey, signed together with the list it belongs to, so a client can
// page on but can neither steer a query elsewhere nor carry a cursor from one list into another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from './config';
import { ValidationError } from './errors';

type Key = Record<string, unknown>;

function sign(payload: string, scope: string): string {
  return createHmac('sha256', config.tokenSecret())
    .update(`cursor:${scope}:${payload}`)
    .digest('base64url')
    .slice(0, 16);
}

/** `scope` names the list (e.g. `byFeed|EVENTS#party_lesson`); the same scope must be given to decode it. */
export function encodeCursor(key: Key | undefined, scope = ''): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${sign(payload, scope)}`;
}

export function decodeCursor(cursor: string | undefined, scope = ''): Key | undefined {
  if (!cursor) return undefined;
  const parts = cursor.split('.');
  const [payload, mac] = parts;
  const invalid = new ValidationError({ cursor: '无效的分页游标' });
  if (parts.length !== 2 || !payload || !mac) throw invalid;
  const expected = Buffer.from(sign(payload, scope));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
  try {
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid;
    return key as Key;
  } catch {
    throw invalid;
  }
}
