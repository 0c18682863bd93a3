// Placeholder tab page of the shell: the spaces feature replaces this folder with the real page.
import { View } from '@tarojs/components';
import { PageContent, usePageData } from '../../components';
import './index.scss';

export default function SpacesPage() {
  // The feature loads its list from the API here; the shell has nothing to list yet.
  const page = usePageData(async (): Promise<string[]> => []);

  return (
    <View className='rc-page rc-spaces'>
      <View className='rc-spaces__header'>
        <View className='rc-spaces__title'>共享空间</View>
        <View className='rc-spaces__desc'>图书、饮水、微波炉、冰箱，对党员、职工、户外劳动者和居民免费开放，扫码入场。</View>
      </View>
      <PageContent page={page} isEmpty={(items) => items.length === 0} emptyText='暂无开放的空间' emptyHint='空间开放后可在这里查看人数并扫码入场'>
        {(items) => items.map((item) => <View key={item}>{item}</View>)}
      </PageContent>
    </View>
  );
}
