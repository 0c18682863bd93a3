// 我的到访记录 groups visits by district day and shows each one's times and length.
import type { Checkin } from '@shared/api/spaces';
import { visitDays } from '../../miniapp/src/packages/spaces/pages/visits/visitRows';

const visit = (id: string, inAt: string, patch: Partial<Checkin> = {}): Checkin => ({
  id,
  spaceId: 's1',
  spaceName: '职工驿站',
  status: 'out',
  checkedInAt: inAt,
  checkedOutAt: new Date(Date.parse(inAt) + 95 * 60000).toISOString(),
  autoCheckoutAt: new Date(Date.parse(inAt) + 12 * 3600000).toISOString(),
  closedBy: 'user',
  ...patch,
});

describe('visit days', () => {
  // 2026-12-02 10:00 in the district.
  const now = Date.parse('2026-12-02T02:00:00Z');

  it('groups by district day (UTC+8), labels today and yesterday, and shows times and length', () => {
    const days = visitDays(
      [
        visit('a', '2026-12-02T01:00:00Z', { status: 'in', checkedOutAt: undefined, closedBy: undefined }),
        // 2026-12-01 23:30 UTC is 07:30 on the 2nd in the district: still today.
        visit('b', '2026-12-01T23:30:00Z'),
        visit('c', '2026-12-01T10:00:00Z', {
          checkedOutAt: undefined,
          closedBy: 'auto',
          autoCheckoutAt: '2026-12-01T13:00:00Z',
        }),
        visit('d', '2026-11-20T01:00:00Z', { checkedOutAt: '2026-11-20T01:40:00Z' }),
      ],
      now,
    );
    expect(days.map((d) => d.title)).toEqual(['今天 · 12月2日', '昨天 · 12月1日', '11月20日']);
    expect(days[0].rows).toEqual([
      expect.objectContaining({ id: 'a', times: '09:00 起', length: '在馆中', inside: true, note: '' }),
      expect.objectContaining({ id: 'b', times: '07:30–09:05', length: '1小时35分', inside: false }),
    ]);
    expect(days[1].rows[0]).toMatchObject({ times: '18:00–21:00', length: '3小时', note: '闭馆自动签退' });
    expect(days[2].rows[0]).toMatchObject({ spaceName: '职工驿站', length: '40分钟' });
  });

  it('has no days for no visits', () => {
    expect(visitDays([], now)).toEqual([]);
  });
});
