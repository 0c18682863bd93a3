// Placeholder tab page of the shell: the events feature replaces this folder with the real page.
import { View } from '@tarojs/components';
import { PageContent, usePageData } from '../../components';
import './index.scss';

export default function EventsPage() {
  // The feature loads its list from the API here; the shell has nothing to list yet.
  const page = usePageData(async (): Promise<string[]> => []);

  return (
    <View className='rc-page rc-events'>
      <View className='rc-events__header'>
        <View className='rc-events__title'>活动</View>
        <View className='rc-events__desc'>行走的党课、党旗下的少年、社团活动：报名、候补、签到，一处搞定。</View>
      </View>
      <PageContent page={page} isEmpty={(items) => items.length === 0} emptyText='暂无活动' emptyHint='新活动发布后会出现在这里'>
        {(items) => items.map((item) => <View key={item}>{item}</View>)}
      </PageContent>
    </View>
  );
}
