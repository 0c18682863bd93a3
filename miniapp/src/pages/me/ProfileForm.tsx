import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import { useEffect, useState } from 'react';
import {
  IDENTITIES,
  updateMeSchema,
  type Identity,
  type UpdateMeRequest,
  type User,
} from '@shared/api/users';
import { usersApi } from '../../api/users';
import { IDENTITY_LABELS } from '../../labels';
import { buttonProps } from '../../lib/buttonProps';
import { useFormSubmission } from '../../lib/useFormSubmission';
import { NICKNAME_INPUT_TYPE } from './AvatarPicker';
import { failureText } from './ProfileAvatar';

interface Draft {
  nickname: string;
  realName: string;
  identity: Identity | null;
  phone: string;
}

const draftOf = (user: User): Draft => ({
  nickname: user.nickname,
  realName: user.realName ?? '',
  identity: user.identity,
  phone: user.phone ?? '',
});

/** Only what changed, so an untouched field is never sent (and never fails validation). */
function changesOf(draft: Draft, user: User): UpdateMeRequest {
  const changes: UpdateMeRequest = {};
  if (draft.nickname.trim() !== user.nickname) changes.nickname = draft.nickname;
  if (draft.realName.trim() !== (user.realName ?? ''))
    changes.realName = draft.realName.trim() === '' ? null : draft.realName;
  if (draft.identity && draft.identity !== user.identity) changes.identity = draft.identity;
  if (draft.phone.trim() !== (user.phone ?? '') && draft.phone.trim() !== '')
    changes.phone = draft.phone.trim();
  return changes;
}

export interface ProfileFormProps {
  user: User;
  onSaved(user: User): void;
}

/** Nickname, identity and phone, checked with the same schema the API uses, saved with PATCH /v1/me. */
export function ProfileForm({ user, onSaved }: ProfileFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(user));
  const submission = useFormSubmission();
  const { errors: fieldErrors, failure, busy: saving } = submission;

  const [removing, setRemoving] = useState(false);

  useEffect(() => setDraft(draftOf(user)), [user]);

  async function removeAvatar() {
    setRemoving(true);
    try {
      onSaved(await usersApi.removeAvatar());
      void Taro.showToast({ title: '已恢复默认头像', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: failureText(err), icon: 'none' });
    } finally {
      setRemoving(false);
    }
  }

  async function save() {
    const changes = changesOf(draft, user);
    if (Object.keys(changes).length === 0) {
      void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' });
      return;
    }
    await submission.submit(updateMeSchema, changes, async () => {
      onSaved(await usersApi.updateMe(changes));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  }

  return (
    <View className="rc-card rc-me__form">
      <View className="rc-me__field">
        <View className="rc-me__label">昵称</View>
        <Input
          className="rc-me__input"
          name="nickname"
          type={NICKNAME_INPUT_TYPE}
          placeholder="请输入昵称"
          value={draft.nickname}
          maxLength={20}
          onChange={(nickname) => setDraft((d) => ({ ...d, nickname }))}
          // WeChat's nickname fill-in may set the value without an input event: take it on blur too.
          onBlur={(nickname) => setDraft((d) => ({ ...d, nickname }))}
        />
        {fieldErrors.nickname ? <View className="rc-me__error">{fieldErrors.nickname}</View> : null}
      </View>

      <View className="rc-me__field">
        <View className="rc-me__label">真实姓名</View>
        <Input
          className="rc-me__input"
          name="realName"
          placeholder="选填，活动签到点名时使用"
          value={draft.realName}
          maxLength={20}
          onChange={(realName) => setDraft((d) => ({ ...d, realName }))}
        />
        <View className="rc-me__hint">仅你本人和活动工作人员可见</View>
        {fieldErrors.realName ? <View className="rc-me__error">{fieldErrors.realName}</View> : null}
      </View>

      {user.avatarUrl ? (
        <View className="rc-me__field rc-me__avatar-row">
          <View className="rc-me__label">头像</View>
          <View className="rc-me__avatar-row-actions">
            <View className="rc-me__hint">点按顶部头像即可更换</View>
            <Button
              className="rc-me__avatar-remove"
              size="small"
              fill="outline"
              {...buttonProps({ loading: removing, disabled: removing, onClick: () => void removeAvatar() })}
            >
              恢复默认头像
            </Button>
          </View>
        </View>
      ) : null}

      <View className="rc-me__field">
        <View className="rc-me__label">身份</View>
        <View className="rc-me__chips">
          {IDENTITIES.map((identity) => (
            <View
              key={identity}
              className={`rc-me__chip${draft.identity === identity ? ' rc-me__chip--active' : ''}`}
              onClick={() => setDraft((d) => ({ ...d, identity }))}
            >
              {IDENTITY_LABELS[identity]}
            </View>
          ))}
        </View>
        {fieldErrors.identity ? <View className="rc-me__error">{fieldErrors.identity}</View> : null}
      </View>

      <View className="rc-me__field">
        <View className="rc-me__label">手机号</View>
        <Input
          className="rc-me__input"
          name="phone"
          type="number"
          placeholder="11 位手机号（选填）"
          value={draft.phone}
          maxLength={11}
          onChange={(phone) => setDraft((d) => ({ ...d, phone }))}
        />
        {fieldErrors.phone ? <View className="rc-me__error">{fieldErrors.phone}</View> : null}
      </View>

      {failure ? <View className="rc-me__error rc-me__form-error">{failure.message}</View> : null}
      <Button
        className="rc-me__save"
        type="primary"
        block
        loading={saving}
        disabled={saving}
        onClick={() => void save()}
      >
        保存资料
      </Button>
    </View>
  );
}
