// 共享空间 tab: every space with its address, amenities and a live gauge (refreshed every ~10 s while shown),
// and a big scan button that opens the check-in page for the scanned door code.
import { Button, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { parseDoorCode, type Space } from '@shared/api/spaces';
import { spacesApi } from '../../api/spaces';
import { PrivacyPopup } from '../../auth/PrivacyPopup';
import { PageContent, useAuth, usePageData } from '../../components';
import { openPage } from '../../navigation';
import { Gauge } from '../../features/spaces/Gauge';
import { canScan, scanCode } from '../../lib/scanCode';
import './index.scss';

const REFRESH_MS = 10_000;
const CHECKIN_PAGE = '/packages/spaces/pages/checkin/index';

async function loadAll(): Promise<Space[]> {
  const spaces: Space[] = [];
  let cursor: string | undefined;
  do {
    const page = await spacesApi.list(cursor);
    spaces.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return spaces;
}

/** Refreshes while the page is on screen, stops when it is hidden (another tab, a page on top). */
function useLiveRefresh(refresh: () => Promise<void>): void {
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const start = () => {
    if (timer.current === null) timer.current = setInterval(() => void refresh(), REFRESH_MS);
  };
  const stop = () => {
    if (timer.current !== null) clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => {
    start();
    return stop;
  }, []);
  useDidShow(start);
  useDidHide(stop);
}

function hoursText(space: Space): string {
  if (!space.opensAt || !space.closesAt) return '全天开放';
  return `${space.opensAt}–${space.closesAt}${space.openNow ? '' : ' · 未到开放时间'}`;
}

/** Where the app has no scanner (H5), the phone's own camera opens the printed code's URL: the check-in page. */
async function explainScanning(): Promise<void> {
  await Taro.showModal({
    confirmColor: '#c8161d',
    title: '扫码入场',
    content: '请用手机相机或微信“扫一扫”扫描空间门口的二维码，将直接打开签到页面。',
    showCancel: false,
    confirmText: '知道了',
  });
}

export default function SpacesPage() {
  const auth = useAuth();
  const page = usePageData(loadAll, [], { refreshOnShow: true });
  useLiveRefresh(page.refresh);

  const scan = async () => {
    if (!canScan) return explainScanning();
    const text = await scanCode();
    if (!text) return;
    const code = parseDoorCode(text);
    if (!code || !code.spaceId) {
      void Taro.showToast({ title: '这不是共享空间的二维码', icon: 'none' });
      return;
    }
    void openPage(
      `${CHECKIN_PAGE}?spaceId=${encodeURIComponent(code.spaceId)}&token=${encodeURIComponent(code.token)}`,
    );
  };

  return (
    <View className="rc-page rc-spaces">
      <PrivacyPopup />
      <View className="rc-spaces__header">
        <View className="rc-spaces__title">共享空间</View>
        <View className="rc-spaces__desc">
          图书、饮水、微波炉、冰箱，对党员、职工、户外劳动者和居民免费开放，扫码入场。
        </View>
        <Button className="rc-spaces__scan" onClick={() => void scan()}>
          扫码入场
        </Button>
        {auth.hasRole('staff') ? (
          <View
            className="rc-spaces__manage"
            onClick={() => void openPage('/packages/spaces/pages/manage/index')}
          >
            空间管理（工作人员）›
          </View>
        ) : null}
      </View>
      <PageContent
        page={page}
        isEmpty={(items) => items.length === 0}
        emptyText="暂无开放的空间"
        emptyHint="空间开放后可在这里查看人数并扫码入场"
        emptyIcon="building"
      >
        {(items) =>
          items.map((space) => (
            <View
              key={space.id}
              className="rc-card rc-spaces__item"
              data-space-id={space.id}
              onClick={() => void openPage(`${CHECKIN_PAGE}?spaceId=${encodeURIComponent(space.id)}`)}
            >
              <View className="rc-spaces__name">{space.name}</View>
              <View className="rc-spaces__address">{space.address}</View>
              <View className="rc-spaces__hours">{hoursText(space)}</View>
              {space.amenities.length > 0 ? (
                <View className="rc-spaces__amenities">
                  {space.amenities.map((a) => (
                    <View key={a} className="rc-spaces__amenity">
                      {a}
                    </View>
                  ))}
                </View>
              ) : null}
              <Gauge
                occupancy={space.occupancy}
                capacity={space.capacity}
                openNow={space.openNow}
                opensAt={space.opensAt}
                closesAt={space.closesAt}
              />
            </View>
          ))
        }
      </PageContent>
    </View>
  );
}
