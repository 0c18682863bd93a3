// The events list's month view (?month=, a district month) and search (?q=, title or place): the window is cut at
// district midnight (UTC+8), search combines with kind and month, and bad values get Chinese 422s.
import { startTestApp, type TestApp } from '../support/app';
import { createEvent } from './events.support';

describe('events list: month view and search', () => {
  let app: TestApp;
  let staff: string;
  // Two district months ahead: YYYY-MM, and the month before it.
  const ahead = (months: number) => {
    const d = new Date(Date.now() + 8 * 3600000);
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
    return m.toISOString().slice(0, 7);
  };
  const month = ahead(2);
  const before = ahead(1);
  const lastDayBefore = new Date(Date.parse(`${month}-01T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((e) => e.title);

  beforeAll(async () => {
    app = await startTestApp();
    staff = (await app.userWithRoles('search_staff', ['staff'])).token;
    const at = (day: string, hhmm: string, hours = 2) => ({
      startsAt: `${day}T${hhmm}:00+08:00`,
      endsAt: new Date(Date.parse(`${day}T${hhmm}:00+08:00`) + hours * 3600000).toISOString(),
    });
    // 00:30 on the 1st in the district is still the previous month in UTC: it belongs to `month`.
    await createEvent(app, staff, { title: '月初党课', location: '刘公岛', ...at(`${month}-01`, '00:30') });
    await createEvent(app, staff, {
      title: '前月末党课',
      location: '服务中心',
      ...at(lastDayBefore, '23:30', 1),
    });
    await createEvent(app, staff, {
      kind: 'youth_education',
      title: '少年故事会',
      location: '刘公岛博物馆',
      ...at(`${month}-15`, '09:00'),
      minAge: 6,
      maxAge: 12,
    });
    await createEvent(app, staff, { title: '近期党课', location: '环翠楼' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists one district month, cut at district midnight, soonest first', async () => {
    const res = await app.request('GET', `/v1/events?month=${month}`);
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(['月初党课', '少年故事会']);
    const prev = await app.request('GET', `/v1/events?month=${before}`);
    // 近期党课 (in three days) may fall in that month too, depending on today's date.
    expect(titles(prev).filter((t) => t !== '近期党课')).toEqual(['前月末党课']);
  });

  it('searches title and place, alone and with kind and month', async () => {
    expect(titles(await app.request('GET', `/v1/events?q=${encodeURIComponent('刘公岛')}`))).toEqual([
      '月初党课',
      '少年故事会',
    ]);
    expect(
      titles(await app.request('GET', `/v1/events?q=${encodeURIComponent('党课')}&month=${month}`)),
    ).toEqual(['月初党课']);
    expect(
      titles(await app.request('GET', `/v1/events?q=${encodeURIComponent('刘公岛')}&kind=youth_education`)),
    ).toEqual(['少年故事会']);
    expect(titles(await app.request('GET', `/v1/events?q=${encodeURIComponent('没有这个活动')}`))).toEqual(
      [],
    );
  });

  it('refuses a malformed month and an empty or long search in Chinese', async () => {
    for (const query of ['month=2026-13', 'month=26-01', 'q=%20%20', `q=${'长'.repeat(31)}`]) {
      const res = await app.request('GET', `/v1/events?${encodeURI(query).replace(/%25/g, '%')}`);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body.error.fields)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
