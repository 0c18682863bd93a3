// 我的到访记录: the caller's visits to the shared spaces, newest first, grouped by day, with load-more (pull-down
// refresh comes with usePageData).
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { Checkin } from '@shared/api/spaces';
import { spacesApi } from '../../../../api/spaces';
import { MoreFooter, NavBar, PageContent, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { useCursorList } from '../../../../lib/useCursorList';
import { visitDays } from './visitRows';
import './index.scss';

export default function MyVisitsPage() {
  const auth = useRequireAuth();
  const list = useCursorList<Checkin>((cursor) => spacesApi.myCheckins(cursor ?? undefined), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());

  return (
    <View className="rc-page rc-visits">
      <NavBar />
      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyText="还没有到访记录"
        emptyHint="到共享空间扫门口的二维码入场，记录会出现在这里"
        emptyIcon="clock"
        emptyAction={{ label: '去看看空间', onClick: () => void openPage('/pages/spaces/index') }}
      >
        {(data) => (
          <View className="rc-visits__list">
            {visitDays(data.items).map((day) => (
              <View key={day.day} className="rc-visits__day">
                <View className="rc-visits__day-title">{day.title}</View>
                <View className="rc-card rc-visits__card">
                  {day.rows.map((row) => (
                    <View key={row.id} className="rc-visits__row" data-inside={row.inside ? 'yes' : 'no'}>
                      <View className="rc-visits__main">
                        <View className="rc-visits__space">{row.spaceName}</View>
                        <View className="rc-visits__times">
                          {row.times}
                          {row.note ? <View className="rc-visits__note">{row.note}</View> : null}
                        </View>
                      </View>
                      <View
                        className={
                          row.inside ? 'rc-visits__length rc-visits__length--in' : 'rc-visits__length'
                        }
                      >
                        {row.length}
                      </View>
                    </View>
                  ))}
                </View>
              </View>
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
