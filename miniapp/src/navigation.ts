// Moving between pages: tab pages need switchTab, other pages navigateTo; sign-in sends the user back where they were.
import Taro from '@tarojs/taro';
import { requireSignIn } from './auth/requireSignIn';
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

/**
 * Asks the user to sign in where they are (a 401, 去登录): requireSignIn() — silent wx.login on WeChat, a sheet over
 * the page on H5; no page in between, and declining leaves them on this page. Actions await requireSignIn() itself.
 */
export function goToSignIn(): void {
  requireSignIn().catch((err) => console.error('sign-in failed', err));
}

/** After sign-in: back to where the user came from (a tab via switchTab, any other page in place of sign-in). */
export function returnAfterSignIn(redirect: string | undefined): void {
  const target = redirect ? decodeURIComponent(redirect) : TAB_PAGES[0];
  if (pathOf(target) === SIGN_IN_PAGE || isTabPage(target)) {
    Taro.switchTab({ url: pathOf(pathOf(target) === SIGN_IN_PAGE ? TAB_PAGES[0] : target) }).catch((err) =>
      console.error('switchTab failed', err),
    );
  } else {
    Taro.redirectTo({ url: target }).catch((err) => console.error('redirectTo failed', err));
  }
}
