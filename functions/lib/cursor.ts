// Opaque list cursors: the store's LastEvaluatedKey, signed so a client cannot steer a query elsewhere.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from './config';
import { ValidationError } from './errors';

type Key = Record<string, unknown>;

function sign(payload: string): string {
  return createHmac('sha256', config.tokenSecret()).update(`cursor:${payload}`).digest('base64url').slice(0, 16);
}

export function encodeCursor(key: Key | undefined): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function decodeCursor(cursor: string | undefined): Key | undefined {
  if (!cursor) return undefined;
  const parts = cursor.split('.');
  const [payload, mac] = parts;
  const invalid = new ValidationError({ cursor: '无效的分页游标' });
  if (parts.length !== 2 || !payload || !mac) throw invalid;
  const expected = Buffer.from(sign(payload));
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
