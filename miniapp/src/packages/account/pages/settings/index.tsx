// 设置 (我的 → 设置): export everything stored about me, and close the account after a confirmation that says what is
// erased and what stays. Closing signs out and returns to 首页, still browsing.
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MyDataExport } from '@shared/api/users';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { usersApi } from '../../../../api/users';
import { Empty, Loading, NavBar, useAuth } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { ERASED_ON_CLOSE, EXPORT_SECTIONS, KEPT_ON_CLOSE } from '../../erasure';
import './index.scss';

function ExportSummary({ data }: { data: MyDataExport }) {
  const json = JSON.stringify(data, null, 2);
  return (
    <View className="rc-account-export">
      <View className="rc-account-export__counts">
        {EXPORT_SECTIONS.map(({ key, label }) => (
          <View key={key} className="rc-account-export__count" data-section={key}>
            {label}：{Array.isArray(data[key]) ? (data[key] as unknown[]).length : 0} 条
          </View>
        ))}
      </View>
      <View className="rc-account-export__json">{json}</View>
      <Button
        className="rc-account__button"
        onClick={() =>
          void Taro.setClipboardData({ data: json }).then(() =>
            Taro.showToast({ title: '已复制全部数据', icon: 'none' }),
          )
        }
      >
        复制全部数据（JSON）
      </Button>
    </View>
  );
}

export default function SettingsPage() {
  // Not useRequireAuth: right after 注销 the app is signed out on its way to 首页, and must not ask to sign in here.
  const auth = useAuth();
  const [exported, setExported] = useState<MyDataExport | null>(null);
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [closing, setClosing] = useState(false);

  async function exportData() {
    setExporting(true);
    try {
      setExported(await usersApi.exportMyData());
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setExporting(false);
    }
  }

  async function closeAccount() {
    setClosing(true);
    try {
      await usersApi.closeAccount();
      await Taro.showToast({ title: '账号已注销', icon: 'success' });
      auth.signOut();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
      setClosing(false);
    }
  }

  if (auth.status !== 'signedIn') {
    return (
      <View className="rc-page rc-account">
        <NavBar />
        {auth.status === 'loading' || closing ? (
          <Loading />
        ) : (
          <Empty icon="user" text="登录后可导出数据或注销账号" />
        )}
      </View>
    );
  }

  return (
    <View className="rc-page rc-account">
      <NavBar />
      <View className="rc-section-title">导出我的数据</View>
      <View className="rc-card rc-account__card">
        <View className="rc-account__text">
          查看本小程序保存的你的全部信息：个人资料、活动报名（含孩子信息）、空间签到、寄语、优惠券、商户入驻申请、场地预约、服务申请和政策管家预约。
        </View>
        {exported ? (
          <ExportSummary data={exported} />
        ) : (
          <Button
            className="rc-account__button"
            {...buttonProps({ loading: exporting, disabled: exporting, onClick: () => void exportData() })}
          >
            导出我的数据
          </Button>
        )}
      </View>

      <View className="rc-section-title">注销账号</View>
      <View className="rc-card rc-account__card">
        {confirming ? (
          <View className="rc-account-close">
            <View className="rc-account-close__title">注销后立即生效，不可恢复</View>
            <View className="rc-account-close__label">将被删除：</View>
            {ERASED_ON_CLOSE.map((line) => (
              <View key={line} className="rc-account-close__item">
                · {line}
              </View>
            ))}
            <View className="rc-account-close__label">将会保留（不再关联到你）：</View>
            {KEPT_ON_CLOSE.map((line) => (
              <View key={line} className="rc-account-close__item">
                · {line}
              </View>
            ))}
            <View className="rc-account-close__hint">再次登录将是一个新的空账号。建议先导出你的数据。</View>
            <View className="rc-account-close__actions">
              <Button className="rc-account__button" onClick={() => setConfirming(false)}>
                再想想
              </Button>
              <Button
                className="rc-account__button rc-account__button--danger"
                {...buttonProps({ loading: closing, disabled: closing, onClick: () => void closeAccount() })}
              >
                确认注销
              </Button>
            </View>
          </View>
        ) : (
          <>
            <View className="rc-account__text">注销后，你的个人信息将被删除，登录凭证立即失效。</View>
            <Button
              className="rc-account__button rc-account__button--danger"
              onClick={() => setConfirming(true)}
            >
              注销账号
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
