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
import { useFormSubmission } from '../../lib/useFormSubmission';

interface Draft {
  nickname: string;
  identity: Identity | null;
  phone: string;
}

const draftOf = (user: User): Draft => ({
  nickname: user.nickname,
  identity: user.identity,
  phone: user.phone ?? '',
});

/** Only what changed, so an untouched field is never sent (and never fails validation). */
function changesOf(draft: Draft, user: User): UpdateMeRequest {
  const changes: UpdateMeRequest = {};
  if (draft.nickname.trim() !== user.nickname) changes.nickname = draft.nickname;
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

  useEffect(() => setDraft(draftOf(user)), [user]);

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
          placeholder="请输入昵称"
          value={draft.nickname}
          maxLength={20}
          onChange={(nickname) => setDraft((d) => ({ ...d, nickname }))}
        />
        {fieldErrors.nickname ? <View className="rc-me__error">{fieldErrors.nickname}</View> : null}
      </View>

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
