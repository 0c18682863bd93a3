// Asks staff for the reason of a reject or hide: quick picks or free text (1–100 characters).
import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { countCharacters } from '@shared/api/wall';
import { buttonProps } from '../../../../lib/buttonProps';

const QUICK_REASONS = ['与寄语墙主题无关', '含有广告或联系方式', '言辞不当', '涉及个人隐私'];

export interface ReasonFormProps {
  confirmText: string;
  busy: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function ReasonForm({ confirmText, busy, onConfirm, onCancel }: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const length = countCharacters(reason);
  return (
    <View className="rc-wall-mod__reason">
      <View className="rc-wall-mod__chips">
        {QUICK_REASONS.map((r) => (
          <View
            key={r}
            className={`rc-wall-mod__chip ${reason === r ? 'rc-wall-mod__chip--on' : ''}`}
            onClick={() => setReason(r)}
          >
            {r}
          </View>
        ))}
      </View>
      <Textarea
        className="rc-wall-mod__reason-input"
        value={reason}
        placeholder="填写原因（作者可以看到）"
        maxlength={-1}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="rc-wall-mod__reason-actions">
        <View className="rc-wall-mod__count">{length}/100</View>
        <Button className="rc-wall-mod__btn" size="mini" onClick={onCancel}>
          取消
        </Button>
        <Button
          className="rc-wall-mod__btn rc-wall-mod__btn--danger"
          size="mini"
          {...buttonProps({
            disabled: busy || length === 0 || length > 100,
            onClick: () => onConfirm(reason),
          })}
        >
          {confirmText}
        </Button>
      </View>
    </View>
  );
}
