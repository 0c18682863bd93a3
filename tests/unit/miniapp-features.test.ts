// The features registry (miniapp/src/features.ts) must only list pages that exist: every entry's url is a page
// registered in miniapp/src/app.config.ts (a tab page or a subpackage page) with its source folder present.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canSee, entriesFor, FEATURES } from '../../miniapp/src/features';
import {
  districtDay,
  districtInstant,
  formatClock,
  formatDateTime,
  formatFullDateTime,
  formatMonthDay,
  formatRange,
  fromDistrictInput,
  relativeTime,
  toDistrictInput,
} from '../../miniapp/src/lib/districtTime';
import { byTopField, checkForm } from '../../miniapp/src/lib/form';

interface AppConfigShape {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string }[] };
}

declare global {
  // Taro's build-time global, used by app.config.ts (typed for the root tsconfig, which has no Taro types).
  function defineAppConfig<T>(config: T): T;
}

const SRC = path.join(__dirname, '..', '..', 'miniapp', 'src');

async function appConfig(): Promise<AppConfigShape> {
  // app.config.ts calls Taro's build-time global; here it only has to return its argument.
  globalThis.defineAppConfig = <T>(config: T): T => config;
  return ((await import('../../miniapp/src/app.config')) as unknown as { default: AppConfigShape }).default;
}

describe('miniapp features registry', () => {
  it('points every entry at a registered page whose source exists', async () => {
    const config = await appConfig();
    const registered = new Set([
      ...config.pages.map((p) => `/${p}`),
      ...(config.subPackages ?? []).flatMap((pkg) => pkg.pages.map((p) => `/${pkg.root}/${p}`)),
    ]);
    for (const entry of FEATURES) {
      const page = entry.url.split('?')[0];
      expect({ id: entry.id, registered: registered.has(page) }).toEqual({ id: entry.id, registered: true });
      expect(existsSync(path.join(SRC, `${page.slice(1)}.tsx`))).toBe(true);
    }
  });

  it('has unique ids and tab pages that match tabs.ts', async () => {
    const ids = FEATURES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const config = await appConfig();
    const { TAB_PAGES } = await import('../../miniapp/src/tabs');
    expect(config.tabBar?.list.map((t) => `/${t.pagePath}`)).toEqual(TAB_PAGES);
  });

  it('shows staff entries to staff and admins only', () => {
    const staffOnly = {
      id: 'x',
      title: 'x',
      description: 'x',
      url: '/x',
      placement: 'me' as const,
      roles: ['staff' as const],
    };
    expect(canSee(staffOnly, [])).toBe(false);
    expect(canSee(staffOnly, ['merchant'])).toBe(false);
    expect(canSee(staffOnly, ['staff'])).toBe(true);
    expect(canSee(staffOnly, ['admin'])).toBe(true);
    expect(entriesFor('me', [], [staffOnly])).toEqual([]);
    expect(entriesFor('me', ['admin'], [staffOnly])).toEqual([staffOnly]);
  });
});

// The shared layer (miniapp/src/lib) the features build on: what a screen shows must not depend on the phone's zone.
describe('miniapp district time', () => {
  // 2026-12-01 01:05 UTC is 09:05 in the district; 2026-12-31 17:30 UTC is already 2027-01-01 01:30 there.
  const morning = '2026-12-01T01:05:00.000Z';
  const newYear = '2026-12-31T17:30:00Z';

  it('formats instants in UTC+8, months and days unpadded', () => {
    expect(formatClock(morning)).toBe('09:05');
    expect(formatMonthDay(morning)).toBe('12月1日');
    expect(formatDateTime(morning)).toBe('12月1日 09:05');
    expect(formatFullDateTime(newYear)).toBe('2027年1月1日 01:30');
    expect(districtDay(newYear)).toBe('2027-01-01');
    expect(districtDay(Date.parse(morning))).toBe('2026-12-01');
  });

  it('writes a range on one district day with the end time only', () => {
    expect(formatRange(morning, '2026-12-01T04:00:00Z')).toBe('12月1日 09:05–12:00');
    expect(formatRange(morning, '2026-12-01T16:00:00Z')).toBe('12月1日 09:05 – 12月2日 00:00');
  });

  it('round-trips the text of a date-and-time field', () => {
    expect(toDistrictInput(morning)).toBe('2026-12-01 09:05');
    expect(toDistrictInput(null)).toBe('');
    expect(fromDistrictInput(' 2026-12-01 09:05 ')).toBe('2026-12-01T09:05:00+08:00');
    expect(fromDistrictInput('2026-12-01')).toBeNull();
    expect(Date.parse(fromDistrictInput(toDistrictInput(morning))!)).toBe(Date.parse(morning));
    expect(districtInstant('2026-12-01', '23:59')).toBe('2026-12-01T23:59:00+08:00');
  });

  it('says how long ago, then the district date (with the year when another year)', () => {
    const now = Date.parse(newYear);
    expect(relativeTime(new Date(now - 30_000).toISOString(), now)).toBe('刚刚');
    expect(relativeTime(new Date(now - 5 * 60_000).toISOString(), now)).toBe('5分钟前');
    expect(relativeTime(new Date(now - 3 * 3600_000).toISOString(), now)).toBe('3小时前');
    expect(relativeTime(new Date(now - 86400_000).toISOString(), now)).toBe('昨天');
    expect(relativeTime(new Date(now - 4 * 86400_000).toISOString(), now)).toBe('4天前');
    expect(relativeTime('2026-12-20T02:00:00Z', Date.parse('2027-03-01T02:00:00Z'))).toBe('2026年12月20日');
    expect(relativeTime('2027-01-20T02:00:00Z', Date.parse('2027-03-01T02:00:00Z'))).toBe('1月20日');
    expect(relativeTime('not a date', now)).toBe('');
  });
});

describe('miniapp form errors', () => {
  const schema = z
    .object({ name: z.string().min(1, '不能为空'), tags: z.array(z.string().min(1, '标签不能为空')) })
    .refine((v) => v.name !== 'x', { message: '整体不行' });

  it('keys errors as the server keys its 422 fields (dotted path, first issue wins)', () => {
    const checked = checkForm(schema, { name: '', tags: ['a', ''] });
    expect(checked).toEqual({ ok: false, errors: { name: '不能为空', 'tags.1': '标签不能为空' } });
    expect(checkForm(schema, { name: 'x', tags: [] })).toEqual({ ok: false, errors: { _: '整体不行' } });
    expect(checkForm(schema, { name: 'a', tags: [] })).toEqual({ ok: true, data: { name: 'a', tags: [] } });
  });

  it('shows an error inside a field under the field for one-control-per-field forms', () => {
    expect(byTopField({ 'tags.1': '标签不能为空', 'tags.0': '另一个', name: '不能为空' })).toEqual({
      tags: '标签不能为空',
      name: '不能为空',
    });
  });
});
