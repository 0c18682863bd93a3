// Pure parts of the seat ledger: the intent text, its staleness, the confirmed-or-waitlisted decision, and the
// waiting-list place from counters.
import { waitlistPlace } from '../../functions/events/model';
import { placeFor } from '../../functions/events/rules';
import {
  isStale,
  newIntent,
  parseIntent,
  recordedBy,
  STALE_INTENT_MS,
} from '../../functions/events/seatIntent';
import { ConflictError } from '../../functions/lib/errors';

describe('seat intents', () => {
  const at = Date.parse('2026-11-29T20:47:31.000Z');

  it('are short texts that say the change, its seats and its minute, and read back', () => {
    const intent = newIntent('u1', 'promote', 3, at);
    expect(intent.tag).toMatch(/^p3[0-9A-Za-z]{4}$/);
    expect(parseIntent('u1', intent.tag)).toEqual(intent);
    expect(newIntent('u1', 'join', 1, at).tag.slice(0, 2)).toBe('j1');
    expect(newIntent('u1', 'cancel', 2, at).tag.slice(0, 2)).toBe('c2');
    expect(newIntent('u1', 'leave', 5, at).tag.slice(0, 2)).toBe('l5');
    // Recorded within the same minute → the same text; the next minute → another.
    expect(newIntent('u1', 'join', 1, at + 20_000).tag).toBe(newIntent('u1', 'join', 1, at).tag);
    expect(newIntent('u1', 'join', 1, at + 60_000).tag).not.toBe(newIntent('u1', 'join', 1, at).tag);
  });

  it('refuse seats a household cannot have and texts that are not intents', () => {
    expect(() => newIntent('u1', 'join', 0, at)).toThrow();
    expect(() => newIntent('u1', 'join', 10, at)).toThrow();
    expect(() => parseIntent('u1', 'x1AAAA')).toThrow();
    expect(() => parseIntent('u1', 'j1AAA')).toThrow();
  });

  it('never look older than they are, and turn stale only after a request surely died', () => {
    const intent = newIntent('u1', 'join', 1, at);
    expect(recordedBy(intent)).toBeGreaterThanOrEqual(at);
    expect(recordedBy(intent) - at).toBeLessThanOrEqual(60_000);
    expect(isStale(intent, at + 10_000)).toBe(false);
    expect(isStale(intent, at + STALE_INTENT_MS)).toBe(false);
    expect(isStale(intent, at + STALE_INTENT_MS + 60_000)).toBe(true);
    expect(isStale(intent, at, 0)).toBe(true);
  });
});

describe('placeFor: the waiting list comes first', () => {
  const ledger = { seatsFree: 2, waitlistCount: 0, waitlist: true, capacity: 5 };
  it.each([
    ['confirm', ledger, 2],
    ['waitlist', ledger, 3],
    ['waitlist', { ...ledger, waitlistCount: 1 }, 1],
  ] as const)('%s', (expected, l, seats) => expect(placeFor(l, seats)).toBe(expected));

  it('refuses when the household cannot wait', () => {
    expect(() => placeFor({ ...ledger, waitlist: false, waitlistCount: 1 }, 1)).toThrow(ConflictError);
    expect(() => placeFor({ ...ledger, seatsFree: 0 }, 6)).toThrow(/本活动共 5 个名额/);
  });
});

describe('waitlistPlace: from counters, however long the list', () => {
  it('is exact while nobody left out of turn', () => {
    expect(waitlistPlace({ waitSeq: 900, waitHead: 1, waitlistCount: 900 }, 1)).toEqual({
      position: 1,
      approximate: false,
    });
    expect(waitlistPlace({ waitSeq: 900, waitHead: 101, waitlistCount: 800 }, 900)).toEqual({
      position: 800,
      approximate: false,
    });
  });

  it('is an estimate, within the list, once someone between head and tail has gone', () => {
    expect(waitlistPlace({ waitSeq: 10, waitHead: 1, waitlistCount: 8 }, 10)).toEqual({
      position: 8,
      approximate: true,
    });
    expect(waitlistPlace({ waitSeq: 10, waitHead: 1, waitlistCount: 8 }, 5)).toEqual({
      position: 5,
      approximate: true,
    });
    expect(waitlistPlace({ waitSeq: 10, waitHead: 6, waitlistCount: 5 }, 4).position).toBe(1);
  });
});
