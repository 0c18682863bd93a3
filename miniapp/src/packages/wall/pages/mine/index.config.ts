export default definePageConfig({
  navigationBarTitleText: '我的寄语',
  enablePullDownRefresh: true,
});
