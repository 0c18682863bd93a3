// Tab pages live in the main package; every feature's other pages live in its own subpackage (kept out of the
// main package, which WeChat caps at 2 MB — we aim for ≤ 1 MB).
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/events/index',
    'pages/spaces/index',
    'pages/wall/index',
    'pages/me/index',
    'pages/login/index',
  ],
  // Feature subpackages: one entry per feature, added by that feature.
  // e.g. { root: 'packages/offers', pages: ['pages/list/index', 'pages/detail/index'] },
  subPackages: [
    { root: 'packages/alliance', pages: ['pages/offers/index', 'pages/detail/index', 'pages/codes/index'] },
    {
      root: 'packages/merchant',
      pages: [
        'pages/apply/index',
        'pages/shop/index',
        'pages/offer-form/index',
        'pages/redeem/index',
        'pages/review/index',
        'pages/figures/index',
      ],
    },
    {
      root: 'packages/spaces',
      pages: [
        'pages/checkin/index',
        'pages/manage/index',
        'pages/edit/index',
        'pages/qrcode/index',
        'pages/stats/index',
        'pages/visits/index',
      ],
    },
    { root: 'packages/wall', pages: ['pages/mine/index', 'pages/moderation/index'] },
    { root: 'packages/dashboard', pages: ['pages/index/index', 'pages/report/index'] },
    {
      root: 'packages/events',
      pages: ['pages/detail/index', 'pages/mine/index', 'pages/edit/index', 'pages/attendees/index'],
    },
    {
      root: 'packages/services',
      pages: [
        'pages/menu/index',
        'pages/item/index',
        'pages/mine/index',
        'pages/duty/index',
        'pages/queue/index',
        'pages/roster/index',
        'pages/appointments/index',
      ],
    },
    {
      root: 'packages/venues',
      pages: [
        'pages/list/index',
        'pages/detail/index',
        'pages/mine/index',
        'pages/review/index',
        'pages/edit/index',
      ],
    },
    // 用户协议, 隐私政策, 个人信息收集清单 (linked from 我的, the sign-in sheet and the privacy popup).
    { root: 'packages/legal', pages: ['pages/terms/index', 'pages/privacy/index', 'pages/collection/index'] },
    // 设置: export my data, close my account.
    { root: 'packages/account', pages: ['pages/settings/index'] },
    // 消息: notices (候补转正, 活动已取消, 审核结果 …), opened from 我的.
    { root: 'packages/inbox', pages: ['pages/index/index'] },
  ],
  // Only the components a page renders are injected when it loads (WeChat's 按需注入).
  lazyCodeLoading: 'requiredComponents',
  // Privacy APIs wait for consent through wx.onNeedPrivacyAuthorization (auth/privacy.weapp.ts).
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f7f3ef',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '红色商圈',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#8a8a8a',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/events/index',
        text: '活动',
        iconPath: 'assets/tab/events.png',
        selectedIconPath: 'assets/tab/events-active.png',
      },
      {
        pagePath: 'pages/spaces/index',
        text: '空间',
        iconPath: 'assets/tab/spaces.png',
        selectedIconPath: 'assets/tab/spaces-active.png',
      },
      {
        pagePath: 'pages/wall/index',
        text: '寄语墙',
        iconPath: 'assets/tab/wall.png',
        selectedIconPath: 'assets/tab/wall-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
