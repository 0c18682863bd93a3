export default definePageConfig({ navigationBarTitleText: '发布优惠' });
