// Admin: create a space, or edit one (`?id=`). Checked with the same schemas as the API before sending.
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { createSpaceSchema, updateSpaceSchema, type Space } from '@shared/api/spaces';
import { spacesApi } from '../../../../api/spaces';
import {
  NavBar,
  FormField,
  PageContent,
  usePageData,
  useRequireAuth,
  StaffOnly,
} from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { byTopField } from '../../../../lib/form';
import { useFormSubmission } from '../../../../lib/useFormSubmission';
import '../staff.scss';

const FORM = 'rc-spaces-staff';

interface Form {
  name: string;
  address: string;
  capacity: string;
  amenities: string;
  opensAt: string;
  closesAt: string;
}

const EMPTY: Form = { name: '', address: '', capacity: '', amenities: '', opensAt: '', closesAt: '' };

function formOf(space: Space): Form {
  return {
    name: space.name,
    address: space.address,
    capacity: String(space.capacity),
    amenities: space.amenities.join('、'),
    opensAt: space.opensAt ?? '',
    closesAt: space.closesAt ?? '',
  };
}

function toRequest(form: Form) {
  return {
    name: form.name,
    address: form.address,
    capacity: form.capacity.trim() === '' ? NaN : Number(form.capacity),
    amenities: form.amenities
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    opensAt: form.opensAt.trim() || undefined,
    closesAt: form.closesAt.trim() || undefined,
  };
}

/** A new space (`space` null) or an edit of the loaded one. One control per field: errors show under the field. */
function SpaceForm({ space }: { space: Space | null }) {
  const id = space?.id;
  const [form, setForm] = useState<Form>(() => (space ? formOf(space) : EMPTY));
  const submission = useFormSubmission({
    keyErrors: byTopField,
    // A refusal about a field shows under it; any other is a toast.
    onFailure: (e) => {
      if (Object.keys(e.fields).length === 0) void Taro.showToast({ title: e.message, icon: 'none' });
    },
  });
  const { errors: fields, busy: saving } = submission;

  const save = async () => {
    const request = toRequest(form);
    // Editing: an empty opening time clears it.
    const update = { ...request, opensAt: request.opensAt ?? null, closesAt: request.closesAt ?? null };
    const send = async () => {
      if (id) await spacesApi.update(id, update);
      else await spacesApi.create(request);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    };
    if (id) await submission.submit(updateSpaceSchema, update, send);
    else await submission.submit(createSpaceSchema, request, send);
  };

  const field = (key: keyof Form, label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <FormField
      block={FORM}
      label={label}
      name={key}
      type={type}
      value={form[key]}
      placeholder={placeholder}
      error={fields[key]}
      onInput={(value) => setForm({ ...form, [key]: value })}
    />
  );

  return (
    <>
      <View className="rc-card">
        {field('name', '名称', '如：环翠楼党群服务中心共享空间')}
        {field('address', '地址', '如：新威路 17 号 1 层')}
        {field('capacity', '容纳人数', '1–10000', 'number')}
        {field('amenities', '设施（用顿号或逗号分隔）', '饮用水、微波炉、冰箱、图书角')}
        {field('opensAt', '开放时间（HH:MM，留空为全天开放）', '08:30')}
        {field('closesAt', '关闭时间（HH:MM）', '20:00')}
      </View>
      <View className="rc-spaces-staff__buttons">
        <Button
          className="rc-spaces-staff__primary"
          {...buttonProps({ loading: saving, disabled: saving, onClick: () => void save() })}
        >
          {id ? '保存修改' : '创建空间'}
        </Button>
      </View>
    </>
  );
}

export default function EditSpacePage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id;
  const admin = auth.hasRole('admin');
  const page = usePageData(async () => (id ? (await spacesApi.get(id)).space : null), [id], {
    enabled: auth.status === 'signedIn' && admin,
  });

  if (auth.status === 'signedIn' && !admin) return <StaffOnly text="仅限管理员使用" />;
  return (
    <View className="rc-page rc-spaces-staff">
      <NavBar />
      <PageContent page={page}>{(space) => <SpaceForm space={space} />}</PageContent>
    </View>
  );
}
