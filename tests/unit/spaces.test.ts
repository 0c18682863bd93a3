// Pure rules of the shared space: gauge colours, hours, automatic check-out times, door-code parsing, schemas.
import { createSpaceSchema, occupancyLevel, parseDoorCode, spaceOfToken } from '../../shared/api/spaces';
import { signToken } from '../../functions/lib/signedTokens';
import { autoCheckoutAt, isOpenAt } from '../../functions/spaces/hours';

// Keys are read when a token is signed, so setting them here is enough.
process.env.QR_KEYS ??= 'v1:unit-test-qr-key-0123456789';

const at = (iso: string) => Date.parse(iso);

describe('gauge colour', () => {
  it('is green under 80 %, amber from 80 % to 99 %, red when full', () => {
    expect(occupancyLevel(0, 10)).toBe('green');
    expect(occupancyLevel(7, 10)).toBe('green');
    expect(occupancyLevel(8, 10)).toBe('amber');
    expect(occupancyLevel(99, 100)).toBe('amber');
    expect(occupancyLevel(100, 100)).toBe('red');
    expect(occupancyLevel(3, 4)).toBe('green');
  });
});

describe('opening hours in district time', () => {
  const hours = { opensAt: '09:00', closesAt: '18:00' };
  it('opens at opensAt and closes at closesAt (UTC+8)', () => {
    expect(isOpenAt(hours, at('2026-12-01T08:59:59+08:00'))).toBe(false);
    expect(isOpenAt(hours, at('2026-12-01T09:00:00+08:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-12-01T01:00:00Z'))).toBe(true); // 09:00 in the district
    expect(isOpenAt(hours, at('2026-12-01T17:59:00+08:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-12-01T18:00:00+08:00'))).toBe(false);
    expect(isOpenAt({ opensAt: null, closesAt: null }, at('2026-12-01T03:00:00+08:00'))).toBe(true);
  });

  it('closes a check-in at closing time today, or after 12 hours without hours', () => {
    expect(autoCheckoutAt(hours, at('2026-12-01T10:00:00+08:00'))).toBe('2026-12-01T10:00:00.000Z');
    // 07:30 district time on Dec 2 is still Dec 1 in UTC: the district day decides.
    expect(autoCheckoutAt(hours, at('2026-12-02T07:30:00+08:00'))).toBe('2026-12-02T10:00:00.000Z');
    expect(autoCheckoutAt({ opensAt: null, closesAt: null }, at('2026-12-01T20:00:00+08:00'))).toBe(
      '2026-12-02T00:00:00.000Z',
    );
  });
});

describe('door codes', () => {
  const token = signToken('door', { s: '01SPACEID', r: 3 });
  it('reads the space and token from the check-in URL, and from a bare token', () => {
    const url = `https://rc.example/packages/spaces/pages/checkin/index?spaceId=01SPACEID&token=${encodeURIComponent(token)}`;
    expect(parseDoorCode(url)).toEqual({ spaceId: '01SPACEID', token });
    expect(parseDoorCode(`  ${token} `)).toEqual({ spaceId: '01SPACEID', token });
    expect(parseDoorCode('https://rc.example/other?x=1')).toBeNull();
    expect(parseDoorCode('')).toBeNull();
  });

  it('finds the space inside a token without Node APIs, and nothing in garbage', () => {
    expect(spaceOfToken(token)).toBe('01SPACEID');
    expect(spaceOfToken('v1.@@@.x')).toBeNull();
    expect(spaceOfToken('nonsense')).toBeNull();
  });
});

describe('space schema', () => {
  it('needs both hours or none, opening before closing', () => {
    const base = { name: '空间', address: '地址', capacity: 5 };
    expect(createSpaceSchema.safeParse(base).success).toBe(true);
    expect(createSpaceSchema.safeParse({ ...base, opensAt: '09:00', closesAt: '18:00' }).success).toBe(true);
    expect(createSpaceSchema.safeParse({ ...base, opensAt: '09:00' }).success).toBe(false);
    expect(createSpaceSchema.safeParse({ ...base, opensAt: '18:00', closesAt: '09:00' }).success).toBe(false);
    expect(createSpaceSchema.safeParse({ ...base, capacity: 10001 }).success).toBe(false);
    expect(createSpaceSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});
