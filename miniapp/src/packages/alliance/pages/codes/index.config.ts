export default definePageConfig({
  navigationBarTitleText: '我的券码',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
