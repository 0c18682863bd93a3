export default definePageConfig({
  navigationBarTitleText: '空间管理',
  enablePullDownRefresh: true,
});
