export default definePageConfig({
  navigationBarTitleText: '寄语审核',
  enablePullDownRefresh: true,
});
