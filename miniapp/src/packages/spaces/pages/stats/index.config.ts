export default definePageConfig({
  navigationBarTitleText: '空间统计',
  enablePullDownRefresh: true,
});
