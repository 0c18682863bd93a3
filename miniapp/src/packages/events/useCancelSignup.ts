// Cancelling one's own sign-up, from the event page or from 我的报名: ask first, then cancel and say so.
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { toApiError } from '../../api/client';
import { eventsApi } from '../../api/events';

/** `question` is the confirmation's text; `onCancelled` reloads what the page shows. */
export function useCancelSignup(eventId: string, question: string, onCancelled: () => Promise<void>) {
  const [cancelling, setCancelling] = useState(false);
  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      confirmColor: '#c8161d',
      title: '取消报名',
      content: question,
      confirmText: '取消报名',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setCancelling(true);
    try {
      await eventsApi.cancel(eventId);
      void Taro.showToast({ title: '已取消报名', icon: 'none' });
      await onCancelled();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setCancelling(false);
    }
  };
  return { cancel, cancelling };
}
