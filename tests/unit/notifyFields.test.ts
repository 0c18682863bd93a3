// Subscribe-message field values (functions/lib/notify/fields.ts): within WeChat's limits, in district time.
import { districtDateTime, phrase, thing } from '../../functions/lib/notify/fields';

describe('subscribe-message fields', () => {
  it('thing: one line of at most 20 characters, cut with an ellipsis', () => {
    expect(thing('刘公岛行走的党课')).toBe('刘公岛行走的党课');
    expect(thing('  第一行\n\n第二行  ')).toBe('第一行 第二行');
    const long = thing('一二三四五六七八九十一二三四五六七八九十一');
    expect([...long]).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
    expect(thing('一二三四五六七八九十一二三四五六七八九十')).toBe(
      '一二三四五六七八九十一二三四五六七八九十',
    );
  });

  it('phrase: at most 5 characters', () => {
    expect(phrase('已办结')).toBe('已办结');
    expect(phrase('一二三四五六')).toBe('一二三四五');
  });

  it('time: the instant in district time (UTC+8), across midnight', () => {
    expect(districtDateTime('2026-12-01T02:00:00.000Z')).toBe('2026年12月01日 10:00');
    expect(districtDateTime('2026-12-31T16:30:00.000Z')).toBe('2027年01月01日 00:30');
  });
});
