export default definePageConfig({
  navigationBarTitleText: '共享空间',
  enablePullDownRefresh: true,
});
