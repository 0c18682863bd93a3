// Moving between pages: tab pages need switchTab, other pages navigateTo; sign-in sends the user back where they were.
import Taro from '@tarojs/taro';
import { SIGN_IN_PAGE, TAB_PAGES } from './tabs';

export { SIGN_IN_PAGE, TAB_PAGES };

const IGNORED_PARAMS = new Set(['$taroTimestamp', 'stamp', '__key_']);

function pathOf(url: string): string {
  const path = url.split('?')[0];
  return path.startsWith('/') ? path : `/${path}`;
}

export function isTabPage(url: string): boolean {
  return TAB_PAGES.includes(pathOf(url));
}

/** Opens a page of the app by its path (with an optional query), whether it is a tab or not. */
export function openPage(url: string): Promise<unknown> {
  return isTabPage(url) ? Taro.switchTab({ url: pathOf(url) }) : Taro.navigateTo({ url });
}

/** The current page as a URL that can be opened again, e.g. /packages/events/pages/detail/index?id=1. */
export function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return TAB_PAGES[0];
  const query = Object.entries(router.params ?? {})
    .filter(([k, v]) => !IGNORED_PARAMS.has(k) && v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return pathOf(router.path) + (query ? `?${query}` : '');
}

let signInOpenedAt = 0;

/** Sends the user to the sign-in page; after signing in they come back to the page they were on. */
export function goToSignIn(): void {
  const current = currentPageUrl();
  if (pathOf(current) === SIGN_IN_PAGE) return;
  // Several calls failing with 401 at once must open the sign-in page only once.
  if (Date.now() - signInOpenedAt < 2000) return;
  signInOpenedAt = Date.now();
  void Taro.navigateTo({ url: `${SIGN_IN_PAGE}?redirect=${encodeURIComponent(current)}` }).catch(() =>
    Taro.reLaunch({ url: `${SIGN_IN_PAGE}?redirect=${encodeURIComponent(current)}` }),
  );
}

/** After sign-in: back to where the user came from (a tab via switchTab, any other page in place of sign-in). */
export function returnAfterSignIn(redirect: string | undefined): void {
  signInOpenedAt = 0;
  const target = redirect ? decodeURIComponent(redirect) : TAB_PAGES[0];
  if (pathOf(target) === SIGN_IN_PAGE || isTabPage(target)) {
    Taro.switchTab({ url: pathOf(pathOf(target) === SIGN_IN_PAGE ? TAB_PAGES[0] : target) }).catch((err) =>
      console.error('switchTab failed', err),
    );
  } else {
    Taro.redirectTo({ url: target }).catch((err) => console.error('redirectTo failed', err));
  }
}
