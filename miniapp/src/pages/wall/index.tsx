// 寄语墙: the "welcome home" board. Published messages newest first, likes, a sheet to write one, and links to
// 我的寄语 and (for staff) the moderation queue in the wall's subpackage.
import { View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { Message } from '@shared/api/wall';
import { toApiError } from '../../api/client';
import { wallApi } from '../../api/wall';
import { requireSignIn } from '../../auth/requireSignIn';
import { Icon, MoreFooter, PageContent, useAuth } from '../../components';
import { MessageCard } from '../../features/wall/MessageCard';
import { useCursorList } from '../../lib/useCursorList';
import { openPage } from '../../navigation';
import { WALL_MINE_PAGE, WALL_MODERATION_PAGE } from './links';
import { PostSheet } from './PostSheet';
import './index.scss';

export default function WallPage() {
  // Anyone may read the wall; signing in (on 写寄语 or a like) adds likedByMe, so the list reloads then.
  const auth = useAuth();
  const signedIn = auth.status === 'signedIn';
  const list = useCursorList<Message>((cursor) => wallApi.wall(cursor), [signedIn], {
    enabled: auth.status !== 'loading',
    refreshOnShow: true,
  });
  const [writing, setWriting] = useState(false);
  const [liking, setLiking] = useState<Set<string>>(new Set());

  useReachBottom(() => void list.loadMore());

  async function toggleLike(message: Message) {
    if (!(await requireSignIn())) return;
    setLiking((s) => new Set(s).add(message.id));
    try {
      const reply = message.likedByMe ? await wallApi.unlike(message.id) : await wallApi.like(message.id);
      list.replace((m) => m.id === message.id, { ...message, ...reply });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setLiking((s) => {
        const next = new Set(s);
        next.delete(message.id);
        return next;
      });
    }
  }

  async function write() {
    if (await requireSignIn()) setWriting(true);
  }

  function posted(message: Message) {
    setWriting(false);
    if (message.status === 'published') {
      list.page.setData((previous) => ({
        items: [message, ...(previous?.items ?? [])],
        nextCursor: previous?.nextCursor ?? null,
      }));
      void Taro.showToast({ title: '已发布到寄语墙', icon: 'success' });
    } else {
      void Taro.showModal({
        confirmColor: '#c8161d',
        title: '已提交',
        content: '寄语审核通过后会出现在墙上，可在“我的寄语”查看进度。',
        showCancel: false,
        confirmText: '知道了',
      });
    }
  }

  return (
    <View className="rc-page rc-wall">
      <View className="rc-wall__hero">
        <View className="rc-wall__hero-kicker">党群服务中心 · 寄语墙</View>
        <View className="rc-wall__hero-title">欢迎回家</View>
        <View className="rc-wall__hero-desc">这里是党员和居民共同的家。写一句心里话，为温暖的话点个赞。</View>
        <View className="rc-wall__hero-actions">
          <View className="rc-wall__write" role="button" onClick={() => void write()}>
            <Icon name="edit" size="s" />
            写寄语
          </View>
          <View className="rc-wall__link" onClick={() => void openPage(WALL_MINE_PAGE)}>
            我的寄语
          </View>
          {auth.hasRole('staff') ? (
            <View
              className="rc-wall__link rc-wall__link--staff"
              onClick={() => void openPage(WALL_MODERATION_PAGE)}
            >
              寄语审核
            </View>
          ) : null}
        </View>
      </View>

      <PageContent
        page={list.page}
        isEmpty={(data) => data.items.length === 0}
        emptyText="墙上还没有寄语"
        emptyHint="写下第一句“欢迎回家”吧"
        emptyIcon="message"
        emptyAction={{ label: '写寄语', onClick: () => void write() }}
      >
        {(data) => (
          <View className="rc-wall__board">
            {data.items.map((message, index) => (
              <MessageCard
                key={message.id}
                message={message}
                index={index}
                onToggleLike={(m) => void toggleLike(m)}
                liking={liking.has(message.id)}
              />
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>

      {writing ? <PostSheet onClose={() => setWriting(false)} onPosted={posted} /> : null}
    </View>
  );
}
