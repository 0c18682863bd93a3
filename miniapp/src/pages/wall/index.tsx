// Placeholder tab page of the shell: the wall feature replaces this folder with the real page.
import { View } from '@tarojs/components';
import { PageContent, usePageData } from '../../components';
import './index.scss';

export default function WallPage() {
  // The feature loads its list from the API here; the shell has nothing to list yet.
  const page = usePageData(async (): Promise<string[]> => []);

  return (
    <View className='rc-page rc-wall'>
      <View className='rc-wall__header'>
        <View className='rc-wall__title'>寄语墙</View>
        <View className='rc-wall__desc'>写一句“欢迎回家”，看看大家的寄语，为温暖的话点赞。</View>
      </View>
      <PageContent page={page} isEmpty={(items) => items.length === 0} emptyText='还没有寄语' emptyHint='寄语墙开放后，快来写下第一句吧'>
        {(items) => items.map((item) => <View key={item}>{item}</View>)}
      </PageContent>
    </View>
  );
}
