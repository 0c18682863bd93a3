// The in-app legal pages (subpackage packages/legal), linked from 我的, the sign-in sheet and the privacy popup.
export const LEGAL_PAGES = {
  terms: { title: '用户协议', url: '/packages/legal/pages/terms/index' },
  privacy: { title: '隐私政策', url: '/packages/legal/pages/privacy/index' },
  collection: { title: '个人信息收集清单', url: '/packages/legal/pages/collection/index' },
} as const;

export type LegalPage = keyof typeof LEGAL_PAGES;
