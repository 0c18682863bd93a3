export default definePageConfig({
  navigationBarTitleText: '联盟优惠',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
