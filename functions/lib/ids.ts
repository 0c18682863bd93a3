// Time-ordered random ids (ULID-like, Crockford base32): sortable by creation, 80 random bits.
import { randomBytes, createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + base32(randomBytes(10));
}

/** A stable id derived from a natural key (e.g. an openid), so concurrent first logins agree on it. */
export function stableId(prefix: string, naturalKey: string): string {
  return prefix + base32(createHash('sha256').update(naturalKey).digest()).slice(0, 24).toLowerCase();
}
