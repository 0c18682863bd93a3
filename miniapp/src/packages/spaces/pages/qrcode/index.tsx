// Staff: the door code of a space, ready to print (SVG or PNG with the name under the code), and rotation of a
// leaked or damaged code (every earlier print stops working).
import { Button, Image, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { spacesApi } from '../../../../api/spaces';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { saveDoorCode } from '../../download';
import '../staff.scss';

export default function SpaceQrCodePage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id ?? '';
  const staff = auth.hasRole('staff');
  const page = usePageData(
    async () => {
      const [code, svg, detail] = await Promise.all([
        spacesApi.qrcode(id),
        spacesApi.qrcodeSvg(id),
        spacesApi.get(id),
      ]);
      return { ...code, svg, space: detail.space };
    },
    [id],
    { enabled: auth.status === 'signedIn' && staff },
  );
  const [busy, setBusy] = useState(false);

  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;

  const save = async (kind: 'svg' | 'png') => {
    if (!page.data) return;
    try {
      await saveDoorCode(kind, {
        svg: page.data.svg,
        spaceId: id,
        fileName: `共享空间二维码-${page.data.space.name}`,
      });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  };

  const rotate = async () => {
    const { confirm } = await Taro.showModal({
      confirmColor: '#c8161d',
      title: '更换二维码',
      content: '更换后，已张贴的旧二维码将立即失效，需要重新打印张贴。确定更换吗？',
      confirmText: '更换',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await spacesApi.rotateQrcode(id);
      await page.reload();
      void Taro.showToast({ title: '已更换，请重新打印', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="rc-page rc-spaces-staff">
      <NavBar />
      <PageContent page={page}>
        {(data) => (
          <View>
            <View className="rc-card">
              <Image
                className="rc-spaces-staff__qr rc-spaces-qrcode__image"
                mode="widthFix"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.svg)}`}
              />
            </View>
            <View className="rc-spaces-staff__hint">
              第 {data.qrRevision} 版二维码。访客用微信或手机相机扫码即可打开签到页面。
            </View>
            <View className="rc-spaces-staff__buttons">
              <Button className="rc-spaces-staff__primary" onClick={() => void save('png')}>
                下载 PNG
              </Button>
              <Button className="rc-spaces-staff__secondary" onClick={() => void save('svg')}>
                下载 SVG（适合印刷）
              </Button>
              <Button
                className="rc-spaces-staff__secondary"
                {...buttonProps({ loading: busy, disabled: busy, onClick: () => void rotate() })}
              >
                更换二维码
              </Button>
            </View>
          </View>
        )}
      </PageContent>
    </View>
  );
}
