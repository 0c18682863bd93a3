// The bottom sheet for writing a message: live character counter in code points (an emoji or a Chinese character
// counts as one, as on the server), anonymous switch, and the API's Chinese error shown in place.
import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { MESSAGE_TEXT_MAX, countCharacters, type Message } from '@shared/api/wall';
import { toApiError } from '../../api/client';
import { wallApi } from '../../api/wall';
import { buttonProps } from '../../lib/buttonProps';
import './PostSheet.scss';

export interface PostSheetProps {
  onClose(): void;
  onPosted(message: Message): void;
}

export function PostSheet({ onClose, onPosted }: PostSheetProps) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The sheet covers the page; the tab bar would sit on top of its buttons (on H5 it is part of the page).
  useEffect(() => {
    void Taro.hideTabBar({ animation: false }).catch(() => undefined);
    return () => void Taro.showTabBar({ animation: false }).catch(() => undefined);
  }, []);
  const count = countCharacters(text);
  const tooLong = count > MESSAGE_TEXT_MAX;
  const canSend = count > 0 && !tooLong && !sending;

  async function submit() {
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      // A retry of the same text reuses its Idempotency-Key until a final answer (the API client's rule).
      const message = await wallApi.post({ text, anonymous });
      onPosted(message);
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError.fields?.text ? `寄语${apiError.fields.text}` : apiError.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <View className="rc-wall-sheet">
      <View className="rc-wall-sheet__mask" onClick={onClose} />
      <View className="rc-wall-sheet__panel" role="dialog" aria-label="写寄语">
        <View className="rc-wall-sheet__title">写一句回家的话</View>
        <Textarea
          className="rc-wall-sheet__input"
          value={text}
          placeholder="欢迎回家！写下你的祝福、心里话或对服务中心的建议…"
          maxlength={-1}
          autoHeight={false}
          focus
          onInput={(e) => setText(e.detail.value)}
        />
        <View className="rc-wall-sheet__row">
          <View className="rc-wall-sheet__anonymous">
            <Switch checked={anonymous} color="#c8161d" onChange={(e) => setAnonymous(e.detail.value)} />
            <Text className="rc-wall-sheet__anonymous-label">匿名发布（工作人员仍可见）</Text>
          </View>
          <Text className={`rc-wall-sheet__counter ${tooLong ? 'rc-wall-sheet__counter--over' : ''}`}>
            {count}/{MESSAGE_TEXT_MAX}
          </Text>
        </View>
        {error ? (
          <View className="rc-wall-sheet__error" role="alert">
            {error}
          </View>
        ) : null}
        <View className="rc-wall-sheet__actions">
          <Button className="rc-wall-sheet__cancel" onClick={onClose}>
            取消
          </Button>
          <Button
            className={`rc-wall-sheet__send ${canSend ? '' : 'rc-wall-sheet__send--off'}`}
            {...buttonProps({ disabled: !canSend, loading: sending, onClick: () => void submit() })}
          >
            发布
          </Button>
        </View>
      </View>
    </View>
  );
}
