export default definePageConfig({
  navigationBarTitleText: '寄语墙',
  enablePullDownRefresh: true,
});
