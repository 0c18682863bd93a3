export default definePageConfig({
  navigationBarTitleText: '名单与签到',
  enablePullDownRefresh: true,
});
