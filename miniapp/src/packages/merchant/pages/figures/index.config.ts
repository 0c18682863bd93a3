export default definePageConfig({ navigationBarTitleText: '联盟数据', enablePullDownRefresh: true });
