// The avatar at the top of 我的: the profile picture, or the default (the nickname's first character on red gold)
// when there is none or it cannot be loaded; tapping it picks another (AvatarPicker: WeChat's chooseAvatar on weapp,
// a file picker on H5), uploaded at once with PUT /v1/me/avatar.
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { User } from '@shared/api/users';
import { useState } from 'react';
import { toApiError } from '../../api/client';
import { avatarSrc, usersApi } from '../../api/users';
import { AvatarPicker } from './AvatarPicker';
import './ProfileAvatar.scss';

/** The Chinese reason of a refused upload: the field's own when the API gave one. */
export function failureText(err: unknown): string {
  const error = toApiError(err);
  return error.fields.image ?? error.message;
}

export interface ProfileAvatarProps {
  user: User;
  onChanged(user: User): void;
}

export function ProfileAvatar({ user, onChanged }: ProfileAvatarProps) {
  const [busy, setBusy] = useState(false);
  // A URL that did not load (e.g. answered 404) shows the default instead of a broken picture.
  const [broken, setBroken] = useState<string | null>(null);
  const url = user.avatarUrl && user.avatarUrl !== broken ? user.avatarUrl : null;

  async function upload(image: string) {
    setBusy(true);
    try {
      onChanged(await usersApi.setAvatar(image));
      void Taro.showToast({ title: '头像已更新', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: failureText(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <AvatarPicker
      busy={busy}
      onPicked={(image) => void upload(image)}
      onError={(message) => void Taro.showToast({ title: message, icon: 'none' })}
    >
      {url ? (
        <Image
          className="rc-me__avatar rc-me__avatar--image"
          src={avatarSrc(url)}
          mode="aspectFill"
          onError={() => setBroken(url)}
        />
      ) : (
        <View className="rc-me__avatar rc-me__avatar--default">{user.nickname.slice(0, 1)}</View>
      )}
      <View className="rc-me__avatar-badge">{busy ? '上传中' : '换头像'}</View>
    </AvatarPicker>
  );
}
