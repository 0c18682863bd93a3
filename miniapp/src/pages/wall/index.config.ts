export default definePageConfig({
  navigationBarTitleText: '寄语墙',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
