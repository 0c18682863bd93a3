export default definePageConfig({ navigationBarTitleText: '政策管家轮值岗', enablePullDownRefresh: true });
