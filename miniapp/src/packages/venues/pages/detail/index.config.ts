export default definePageConfig({
  navigationBarTitleText: '场地详情',
  enablePullDownRefresh: true,
});
