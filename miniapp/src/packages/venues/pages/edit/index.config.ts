export default definePageConfig({
  navigationBarTitleText: '场地编辑',
});
