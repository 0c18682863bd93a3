// Admin: create a space, or edit one (`?id=`). Checked with the same schemas as the API before sending.
import { Button, Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { createSpaceSchema, updateSpaceSchema } from '@shared/api/spaces';
import { toApiError } from '../../../../api/client';
import { spacesApi } from '../../../../api/spaces';
import { Empty, ErrorState, Loading, useRequireAuth } from '../../../../components';
import { whileBusy } from '../../whileBusy';
import '../staff.scss';

interface Form {
  name: string;
  address: string;
  capacity: string;
  amenities: string;
  opensAt: string;
  closesAt: string;
}

const EMPTY: Form = { name: '', address: '', capacity: '', amenities: '', opensAt: '', closesAt: '' };

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

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
  return fields;
}

export default function EditSpacePage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id;
  const [form, setForm] = useState<Form | null>(id ? null : EMPTY);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!id || auth.status !== 'signedIn') return;
    spacesApi
      .get(id)
      .then(({ space }) =>
        setForm({
          name: space.name,
          address: space.address,
          capacity: String(space.capacity),
          amenities: space.amenities.join('、'),
          opensAt: space.opensAt ?? '',
          closesAt: space.closesAt ?? '',
        }),
      )
      .catch(setLoadError);
  }, [id, auth.status]);

  if (auth.status === 'signedIn' && !auth.hasRole('admin')) return <Empty text="仅限管理员使用" />;
  if (loadError) return <ErrorState error={loadError} />;
  if (!form) return <Loading />;

  const set = (key: keyof Form) => (e: { detail: { value: string } }) =>
    setForm({ ...form, [key]: e.detail.value });

  const save = async () => {
    const request = toRequest(form);
    const parsed = id
      ? updateSpaceSchema.safeParse({
          ...request,
          opensAt: request.opensAt ?? null,
          closesAt: request.closesAt ?? null,
        })
      : createSpaceSchema.safeParse(request);
    if (!parsed.success) {
      setFields(fieldsOf(parsed.error));
      return;
    }
    setFields({});
    setSaving(true);
    try {
      if (id)
        await spacesApi.update(id, {
          ...request,
          opensAt: request.opensAt ?? null,
          closesAt: request.closesAt ?? null,
        });
      else await spacesApi.create(request);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (err) {
      const apiError = toApiError(err);
      if (Object.keys(apiError.fields).length > 0) setFields(apiError.fields);
      else void Taro.showToast({ title: apiError.message, icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof Form, label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className="rc-spaces-staff__field">
      <View className="rc-spaces-staff__label">{label}</View>
      <Input
        className="rc-spaces-staff__input"
        name={key}
        type={type}
        value={form[key]}
        placeholder={placeholder}
        onInput={set(key)}
      />
      {fields[key] ? <View className="rc-spaces-staff__error">{fields[key]}</View> : null}
    </View>
  );

  return (
    <View className="rc-page rc-spaces-staff">
      <View className="rc-card">
        {field('name', '名称', '如：环翠楼党群服务中心共享空间')}
        {field('address', '地址', '如：新威路 17 号 1 层')}
        {field('capacity', '容纳人数', '1–10000', 'number')}
        {field('amenities', '设施（用顿号或逗号分隔）', '饮用水、微波炉、冰箱、图书角')}
        {field('opensAt', '开放时间（HH:MM，留空为全天开放）', '08:30')}
        {field('closesAt', '关闭时间（HH:MM）', '20:00')}
      </View>
      <View className="rc-spaces-staff__buttons">
        <Button className="rc-spaces-staff__primary" {...whileBusy(saving)} onClick={() => void save()}>
          {id ? '保存修改' : '创建空间'}
        </Button>
      </View>
    </View>
  );
}
