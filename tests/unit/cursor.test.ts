// Signed list cursors (functions/lib/cursor.ts): a client can page on, but cannot steer a query anywhere else.
import { decodeCursor, encodeCursor } from '../../functions/lib/cursor';
import { ValidationError } from '../../functions/lib/errors';
import { errorReply } from '../../functions/lib/http';

const SECRET = 'unit-secret-0123456789abcdef0123456789abcdef';
beforeAll(() => {
  process.env.TOKEN_SECRET = SECRET;
});

const key = {
  pk: 'EVENT#01J0000000',
  sk: 'SIGNUP#u1',
  feedPk: 'EVENTS#party_lesson',
  feedSk: '2026-12-01T09:00:00+08:00#e1',
};

function refusal(cursor: string): ValidationError {
  try {
    decodeCursor(cursor);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

describe('cursors', () => {
  it('round-trip the store key; no cursor means the first page; no key means no next page', () => {
    const cursor = encodeCursor(key)!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
    expect(encodeCursor(undefined)).toBeNull();
  });

  it('refuse a cursor whose key was changed, with 422 and fields.cursor', () => {
    const [, mac] = encodeCursor(key)!.split('.');
    const steered = Buffer.from(JSON.stringify({ ...key, pk: 'USER#someone-else' })).toString('base64url');
    const err = refusal(`${steered}.${mac}`);
    expect(err.status).toBe(422);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(err.extra.fields!)).toEqual(['cursor']);

    const body = errorReply(err, 'req-1').body as { error: { fields: Record<string, string> } };
    expect(body.error.fields.cursor).toBeTruthy();
  });

  it('refuse flipped, truncated, extended and foreign cursors', () => {
    const cursor = encodeCursor(key)!;
    const [payload, mac] = cursor.split('.');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    process.env.TOKEN_SECRET = 'another-secret-0123456789abcdef0123456789';
    const foreign = encodeCursor(key)!;
    process.env.TOKEN_SECRET = SECRET;
    for (const bad of [
      `${flip(payload, 3)}.${mac}`,
      `${payload}.${flip(mac, 0)}`,
      `${payload}.${mac.slice(0, -1)}`,
      `${payload}.${mac}.extra`,
      `${payload}.`,
      `.${mac}`,
      payload,
      'not a cursor',
      foreign,
    ]) {
      expect({ bad, fields: refusal(bad).extra.fields }).toEqual({
        bad,
        fields: { cursor: expect.any(String) },
      });
    }
  });

  it('refuse a genuinely signed payload that is not a key object', () => {
    // Signed with the right secret (as a buggy encoder might), but an array and a string rather than a key.
    for (const notAKey of [[1, 2], 'EVENT#1', null]) {
      const cursor = encodeCursor(notAKey as unknown as Record<string, unknown>);
      if (cursor === null) continue; // null encodes as "no next page"
      expect(refusal(cursor).extra.fields).toHaveProperty('cursor');
    }
  });
});
