// 我的寄语: the user's own messages in every status, with the reason when one was not published; delete.
import { View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { MESSAGE_STATUS_LABELS, type Message } from '@shared/api/wall';
import { toApiError } from '../../../../api/client';
import { wallApi } from '../../../../api/wall';
import { NavBar, MoreFooter, PageContent, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { MessageCard } from '../../../../features/wall/MessageCard';
import { useCursorList } from '../../../../lib/useCursorList';
import './index.scss';

export default function MyMessagesPage() {
  const auth = useRequireAuth();
  const list = useCursorList<Message>((cursor) => wallApi.mine(cursor), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());

  async function remove(message: Message) {
    const { confirm } = await Taro.showModal({
      title: '删除寄语',
      content: '删除后不可恢复，确定删除吗？',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    try {
      await wallApi.remove(message.id);
      list.replace((m) => m.id === message.id, null);
      void Taro.showToast({ title: '已删除', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  }

  return (
    <View className="rc-page rc-wall-mine">
      <NavBar />
      <View className="rc-wall-mine__intro">审核通过的寄语会出现在寄语墙上；未通过的会写明原因。</View>
      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyText="你还没有写过寄语"
        emptyHint="回到寄语墙，写一句“欢迎回家”吧"
        emptyIcon="message"
        emptyAction={{ label: '去寄语墙', onClick: () => void openPage('/pages/wall/index') }}
      >
        {(data) => (
          <View className="rc-wall-mine__list">
            {data.items.map((message, index) => (
              <MessageCard key={message.id} message={message} index={index}>
                <View className="rc-wall-mine__status-row">
                  <View
                    className={`rc-wall-mine__status rc-wall-mine__status--${message.status}`}
                    data-status={message.status}
                  >
                    {MESSAGE_STATUS_LABELS[message.status]}
                  </View>
                  <View className="rc-wall-mine__delete" onClick={() => void remove(message)}>
                    删除
                  </View>
                </View>
                {message.status === 'rejected' && message.reason ? (
                  <View className="rc-wall-mine__reason">原因：{message.reason}</View>
                ) : null}
                {message.status === 'pending' ? (
                  <View className="rc-wall-mine__hint">工作人员审核后即可上墙</View>
                ) : null}
              </MessageCard>
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
