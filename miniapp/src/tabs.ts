// Page paths the shell itself navigates to (kept free of Taro imports so unit tests can read them).

export const SIGN_IN_PAGE = '/pages/login/index';

/** Must match tabBar.list in app.config.ts (checked by tests/unit/miniapp-features.test.ts). */
export const TAB_PAGES = [
  '/pages/index/index',
  '/pages/events/index',
  '/pages/spaces/index',
  '/pages/wall/index',
  '/pages/me/index',
];
