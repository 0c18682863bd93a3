// Staff: every space with links to edit it, print its door code and see its statistics; admins create spaces.
import { Button, View } from '@tarojs/components';
import type { Space } from '@shared/api/spaces';
import { spacesApi } from '../../../../api/spaces';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { openPage } from '../../../../navigation';
import '../staff.scss';

const PAGES = '/packages/spaces/pages';

export default function ManageSpacesPage() {
  const auth = useRequireAuth();
  const page = usePageData(async () => (await spacesApi.list()).items, [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  const isAdmin = auth.hasRole('admin');

  if (auth.status === 'signedIn' && !auth.hasRole('staff')) {
    return <StaffOnly />;
  }

  return (
    <View className="rc-page rc-spaces-staff">
      <NavBar />
      {isAdmin ? (
        <View className="rc-spaces-staff__buttons">
          <Button className="rc-spaces-staff__primary" onClick={() => void openPage(`${PAGES}/edit/index`)}>
            ＋ 新建空间
          </Button>
        </View>
      ) : null}
      <PageContent
        page={page}
        isEmpty={(spaces) => spaces.length === 0}
        emptyText="还没有空间"
        emptyHint={isAdmin ? '点击上方按钮新建' : '请管理员新建空间'}
        emptyIcon="building"
      >
        {(spaces) =>
          spaces.map((space: Space) => (
            <View key={space.id} className="rc-card rc-spaces-staff__item">
              <View className="rc-spaces-staff__name">{space.name}</View>
              <View className="rc-spaces-staff__meta">
                {space.address} · 在场 {space.occupancy}/{space.capacity}
              </View>
              <View className="rc-spaces-staff__actions">
                {isAdmin ? (
                  <View
                    className="rc-spaces-staff__action"
                    onClick={() => void openPage(`${PAGES}/edit/index?id=${space.id}`)}
                  >
                    编辑
                  </View>
                ) : null}
                <View
                  className="rc-spaces-staff__action"
                  onClick={() => void openPage(`${PAGES}/qrcode/index?id=${space.id}`)}
                >
                  二维码
                </View>
                <View
                  className="rc-spaces-staff__action"
                  onClick={() => void openPage(`${PAGES}/stats/index?id=${space.id}`)}
                >
                  统计
                </View>
              </View>
            </View>
          ))
        }
      </PageContent>
    </View>
  );
}
