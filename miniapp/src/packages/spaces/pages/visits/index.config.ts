export default definePageConfig({
  navigationBarTitleText: '我的到访记录',
  enablePullDownRefresh: true,
});
