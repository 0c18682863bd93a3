export default definePageConfig({
  navigationBarTitleText: '编辑空间',
});
