export default definePageConfig({
  navigationBarTitleText: '空间二维码',
});
