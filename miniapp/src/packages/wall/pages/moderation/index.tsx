// 寄语审核 (staff): the moderation mode, the queue (oldest first), approve / reject with a reason, hide a published
// message, and bring a rejected one back. Anonymous authors are shown to staff.
import { Button, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import {
  MODERATION_MODE_LABELS,
  type Message,
  type MessageStatus,
  type ModerationMode,
} from '@shared/api/wall';
import { toApiError } from '../../../../api/client';
import { wallApi } from '../../../../api/wall';
import { NavBar, Empty, MoreFooter, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { MessageCard } from '../../../../features/wall/MessageCard';
import { buttonProps } from '../../../../lib/buttonProps';
import { useCursorList } from '../../../../lib/useCursorList';
import { ReasonForm } from './ReasonForm';
import './index.scss';

const TABS: { status: MessageStatus; label: string }[] = [
  { status: 'pending', label: '待审核' },
  { status: 'published', label: '已上墙' },
  { status: 'rejected', label: '未通过/已隐藏' },
];

const CHECK_LABELS: Record<string, string> = { pass: '自动检测通过', review: '自动检测建议人工复核' };
/** What the automatic check matched (a word-list category or WeChat's label), in Chinese; unknown ones as 其他. */
const CHECK_CATEGORY_LABELS: Record<string, string> = {
  advertising: '广告',
  links: '链接',
  petitions: '诉求',
  profanity: '脏话',
  insult: '辱骂',
  abuse: '辱骂',
  sexual: '色情',
  pornography: '色情',
  gambling_fraud: '赌博诈骗',
  fraud: '诈骗',
  drugs_violence: '毒品暴力',
  separatism_cults: '分裂邪教',
  politics: '政治敏感',
  illegal: '违法',
  vulgar: '低俗',
  copyright: '侵权',
  normal: '正常',
  other: '其他',
};

export default function ModerationPage() {
  const auth = useRequireAuth();
  const isStaff = auth.status === 'signedIn' && auth.hasRole('staff');
  const [tab, setTab] = useState<MessageStatus>('pending');
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useCursorList<Message>((cursor) => wallApi.queue(tab, cursor), [tab], {
    enabled: isStaff,
    refreshOnShow: true,
  });
  const settings = usePageData(() => wallApi.settings(), [], { enabled: isStaff });
  useReachBottom(() => void list.loadMore());

  async function decide(message: Message, decision: 'approve' | 'reject', reason?: string) {
    setBusy(message.id);
    try {
      const updated = await wallApi.decide(message.id, { decision, reason });
      // The message leaves this tab's list once its status changed.
      list.replace((m) => m.id === message.id, updated.status === tab ? updated : null);
      setAsking(null);
      const done =
        decision === 'approve'
          ? '已通过，已上墙'
          : updated.moderation?.action === 'hidden'
            ? '已隐藏'
            : '已拒绝';
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  async function setMode(moderation: ModerationMode) {
    try {
      settings.setData(await wallApi.saveSettings({ moderation }));
      void Taro.showToast({ title: `已切换为${MODERATION_MODE_LABELS[moderation]}`, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  }

  if (auth.status === 'signedIn' && !isStaff) {
    return (
      <View className="rc-page rc-wall-mod">
        <NavBar />
        <Empty icon="lock" text="仅工作人员可以审核寄语" />
      </View>
    );
  }

  return (
    <View className="rc-page rc-wall-mod">
      <NavBar />
      <View className="rc-wall-mod__mode">
        <View className="rc-wall-mod__mode-label">发布方式</View>
        {(['pre', 'post'] as const).map((mode) => (
          <View
            key={mode}
            className={`rc-wall-mod__mode-option ${settings.data?.moderation === mode ? 'rc-wall-mod__mode-option--on' : ''}`}
            data-mode={mode}
            onClick={() => settings.data && settings.data.moderation !== mode && void setMode(mode)}
          >
            {MODERATION_MODE_LABELS[mode]}
          </View>
        ))}
      </View>
      <View className="rc-wall-mod__mode-hint">
        {settings.data?.moderation === 'post'
          ? '新寄语通过自动检测后立即上墙，工作人员可随时隐藏。'
          : '新寄语需工作人员审核通过后才会上墙。'}
      </View>

      <View className="rc-wall-mod__tabs">
        {TABS.map((t) => (
          <View
            key={t.status}
            className={`rc-wall-mod__tab ${tab === t.status ? 'rc-wall-mod__tab--on' : ''}`}
            onClick={() => {
              setAsking(null);
              setTab(t.status);
            }}
          >
            {t.label}
          </View>
        ))}
      </View>

      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyText={tab === 'pending' ? '没有待审核的寄语' : '暂无寄语'}
        emptyIcon="message"
      >
        {(data) => (
          <View className="rc-wall-mod__list">
            {data.items.map((message, index) => (
              <MessageCard key={message.id} message={message} index={index}>
                <View className="rc-wall-mod__facts">
                  {message.check ? (
                    <View className={`rc-wall-mod__check rc-wall-mod__check--${message.check.suggest}`}>
                      {CHECK_LABELS[message.check.suggest]}
                      {message.check.label
                        ? `（${CHECK_CATEGORY_LABELS[message.check.label] ?? '其他'}）`
                        : ''}
                    </View>
                  ) : null}
                  {message.reason ? (
                    <View className="rc-wall-mod__given-reason">原因：{message.reason}</View>
                  ) : null}
                </View>
                {asking === message.id ? (
                  <ReasonForm
                    confirmText={message.status === 'published' ? '确认隐藏' : '确认拒绝'}
                    busy={busy === message.id}
                    onCancel={() => setAsking(null)}
                    onConfirm={(reason) => void decide(message, 'reject', reason)}
                  />
                ) : (
                  <View className="rc-wall-mod__actions">
                    {message.status !== 'published' ? (
                      <Button
                        className="rc-wall-mod__btn rc-wall-mod__btn--primary"
                        size="mini"
                        {...buttonProps({
                          disabled: busy === message.id,
                          onClick: () => void decide(message, 'approve'),
                        })}
                      >
                        {message.status === 'rejected' ? '重新通过' : '通过'}
                      </Button>
                    ) : null}
                    {message.status !== 'rejected' ? (
                      <Button
                        className="rc-wall-mod__btn rc-wall-mod__btn--danger"
                        size="mini"
                        onClick={() => setAsking(message.id)}
                      >
                        {message.status === 'published' ? '隐藏' : '拒绝'}
                      </Button>
                    ) : null}
                  </View>
                )}
              </MessageCard>
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
