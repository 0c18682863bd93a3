// One message as a note on the welcome-home board: text, signature, relative time, like button; `children` adds
// page-specific actions (status and reason in 我的寄语, approve/reject in the moderation queue). Used by the wall tab
// and by the wall's subpackage.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Message } from '@shared/api/wall';
import { relativeTime } from '../../lib/districtTime';
import './MessageCard.scss';

const TONES = ['rc-wall-card--cream', 'rc-wall-card--rose', 'rc-wall-card--gold'];

/** The signature under a card: the nickname, or 匿名 (staff also see who wrote an anonymous message). */
function signature(message: Message): string {
  if (!message.author) return '匿名';
  return message.anonymous ? `${message.author.nickname}（匿名）` : message.author.nickname;
}

export interface MessageCardProps {
  message: Message;
  index: number;
  /** Shown with a like button when given; read-only count otherwise. */
  onToggleLike?: (message: Message) => void;
  liking?: boolean;
  children?: ReactNode;
}

export function MessageCard({ message, index, onToggleLike, liking, children }: MessageCardProps) {
  return (
    <View className={`rc-wall-card ${TONES[index % TONES.length]}`} data-message-id={message.id}>
      <View className="rc-wall-card__pin" />
      <Text className="rc-wall-card__text" userSelect>
        {message.text}
      </Text>
      <View className="rc-wall-card__footer">
        <View className="rc-wall-card__meta">
          <View className="rc-wall-card__author">—— {signature(message)}</View>
          <View className="rc-wall-card__time">{relativeTime(message.createdAt)}</View>
        </View>
        {onToggleLike ? (
          <View
            className={`rc-wall-card__like ${message.likedByMe ? 'rc-wall-card__like--on' : ''} ${liking ? 'rc-wall-card__like--busy' : ''}`}
            role="button"
            aria-label={message.likedByMe ? '取消点赞' : '点赞'}
            onClick={() => !liking && onToggleLike(message)}
          >
            <Text className="rc-wall-card__heart">{message.likedByMe ? '♥' : '♡'}</Text>
            <Text className="rc-wall-card__likes">{message.likes}</Text>
          </View>
        ) : (
          <View className="rc-wall-card__like rc-wall-card__like--static">
            <Text className="rc-wall-card__heart">♡</Text>
            <Text className="rc-wall-card__likes">{message.likes}</Text>
          </View>
        )}
      </View>
      {children}
    </View>
  );
}
