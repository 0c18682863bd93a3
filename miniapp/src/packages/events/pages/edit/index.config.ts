export default definePageConfig({
  navigationBarTitleText: '发布/编辑活动',
});
