// The features registry (miniapp/src/features.ts) must only list pages that exist: every entry's url is a page
// registered in miniapp/src/app.config.ts (a tab page or a subpackage page) with its source folder present.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { canSee, entriesFor, FEATURES } from '../../miniapp/src/features';

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
