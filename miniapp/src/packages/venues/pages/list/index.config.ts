export default definePageConfig({
  navigationBarTitleText: '阵地预约',
  enablePullDownRefresh: true,
});
