export default definePageConfig({
  navigationBarTitleText: '个人信息收集清单',
});
