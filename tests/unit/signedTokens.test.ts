// Signed QR tokens (functions/lib/signedTokens.ts): purpose separation, forgery, key rotation.
import { signToken, verifyToken } from '../../functions/lib/signedTokens';

const V1 = 'v1:first-door-key-0123456789abcdef';
const V2 = 'v2:second-door-key-0123456789abcdef';
afterEach(() => {
  process.env.QR_KEYS = V1;
});
beforeAll(() => {
  process.env.QR_KEYS = V1;
});

describe('signed QR tokens', () => {
  it('verify for their own purpose and give back the payload', () => {
    const token = signToken('door', { spaceId: 'SPACE1', n: 3 });
    expect(token.startsWith('v1.')).toBe(true);
    expect(verifyToken('door', token)).toEqual({ spaceId: 'SPACE1', n: 3 });
    expect(verifyToken('door', `  ${token}\n`)).toEqual({ spaceId: 'SPACE1', n: 3 });
  });

  it('never verify as another purpose', () => {
    const door = signToken('door', { spaceId: 'SPACE1' });
    expect(verifyToken('ticket', door)).toBeNull();
    expect(verifyToken('door', signToken('ticket', { spaceId: 'SPACE1' }))).toBeNull();
  });

  it('refuse a forged mac, a changed payload, and malformed tokens', () => {
    const token = signToken('door', { spaceId: 'SPACE1' });
    const [version, body, mac] = token.split('.');
    const otherSpace = Buffer.from(JSON.stringify({ spaceId: 'SPACE2' })).toString('base64url');
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `${version}.${body}.${flipped}`,
      `${version}.${otherSpace}.${mac}`,
      `${version}.${body}.${mac.slice(0, -1)}`,
      `${version}.${body}`,
      `${version}.${body}.${mac}.x`,
      `v9.${body}.${mac}`,
      '',
      'garbage',
    ]) {
      expect({ bad, verified: verifyToken('door', bad) }).toEqual({ bad, verified: null });
    }
  });

  it('rotate keys: the new key signs, the old one still verifies while listed, and fails once removed', () => {
    const old = signToken('door', { spaceId: 'SPACE1' });
    process.env.QR_KEYS = `${V2},${V1}`;
    const fresh = signToken('door', { spaceId: 'SPACE1' });
    expect(fresh.startsWith('v2.')).toBe(true);
    expect(verifyToken('door', fresh)).toEqual({ spaceId: 'SPACE1' });
    expect(verifyToken('door', old)).toEqual({ spaceId: 'SPACE1' });

    process.env.QR_KEYS = V2;
    expect(verifyToken('door', old)).toBeNull();
    expect(verifyToken('door', fresh)).toEqual({ spaceId: 'SPACE1' });
  });

  it('a token claiming a listed version but signed with another secret is refused', () => {
    process.env.QR_KEYS = 'v1:an-attackers-guess-0123456789ab';
    const forged = signToken('door', { spaceId: 'SPACE1' });
    process.env.QR_KEYS = V1;
    expect(verifyToken('door', forged)).toBeNull();
  });

  it('refuse to work without a usable key', () => {
    for (const keys of ['', 'v1:short', 'no-version-separator-0123456789abcdef']) {
      process.env.QR_KEYS = keys;
      expect(() => signToken('door', { spaceId: 'SPACE1' })).toThrow(/QR_KEYS/);
    }
  });
});
