export default definePageConfig({
  navigationBarTitleText: '空间签到',
});
