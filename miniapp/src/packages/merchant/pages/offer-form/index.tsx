// 发布 / 编辑优惠. Times are picked as district dates: from 00:00 of the first day to 23:59 of the last.
import { Picker, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  ALLIANCES,
  ALLIANCE_LABELS,
  createOfferSchema,
  updateOfferSchema,
  type Alliance,
  type Offer,
} from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { NavBar, FormField, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { districtDay, districtInstant } from '../../../../lib/districtTime';
import { useFormSubmission } from '../../../../lib/useFormSubmission';
import { SubmitButton } from '../../components/SubmitButton';
import '../../components/forms.scss';

const FORM = 'rc-merchant-form';

interface FormState {
  title: string;
  description: string;
  alliance: Alliance;
  quantity: string;
  perUserLimit: string;
  fromDay: string;
  untilDay: string;
}

function initial(offer: Offer | null): FormState {
  if (offer)
    return {
      title: offer.title,
      description: offer.description,
      alliance: offer.alliance,
      quantity: String(offer.quantity),
      perUserLimit: String(offer.perUserLimit),
      fromDay: districtDay(offer.validFrom),
      untilDay: districtDay(offer.validUntil),
    };
  const now = Date.now();
  return {
    title: '',
    description: '',
    alliance: 'industry',
    quantity: '100',
    perUserLimit: '1',
    fromDay: districtDay(now),
    untilDay: districtDay(now + 30 * 86400_000),
  };
}

/** The form for a new offer (`original` null) or for editing one, starting from what was loaded. */
function OfferForm({ original }: { original: Offer | null }) {
  const [form, setForm] = useState<FormState>(() => initial(original));
  const submission = useFormSubmission();
  const { errors } = submission;

  const set = (field: keyof FormState) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  async function submit() {
    const terms = {
      title: form.title,
      description: form.description,
      quantity: Number(form.quantity),
      perUserLimit: Number(form.perUserLimit),
      validFrom: districtInstant(form.fromDay, '00:00'),
      validUntil: districtInstant(form.untilDay, '23:59'),
    };
    const windowChanged =
      !original ||
      districtDay(original.validFrom) !== form.fromDay ||
      districtDay(original.validUntil) !== form.untilDay;
    const request = original
      ? { ...terms, ...(windowChanged ? {} : { validFrom: undefined, validUntil: undefined }) }
      : { ...terms, alliance: form.alliance };
    await submission.submit(original ? updateOfferSchema : createOfferSchema, request, async () => {
      if (original) await allianceApi.updateOffer(original.id, request);
      else await allianceApi.createOffer({ ...terms, alliance: form.alliance });
      void Taro.showToast({ title: original ? '已保存' : '已发布', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    });
  }

  const count = (label: string, key: 'quantity' | 'perUserLimit', placeholder: string) => (
    <FormField
      block={FORM}
      label={label}
      name={key}
      type="number"
      value={form[key]}
      error={errors[key]}
      placeholder={placeholder}
      onInput={set(key)}
    />
  );
  // A district date; the window's error (validFrom / validUntil) shows under its day.
  const day = (label: string, key: 'fromDay' | 'untilDay', error: string | undefined) => (
    <FormField block={FORM} label={label} error={error}>
      <Picker mode="date" value={form[key]} onChange={(e) => set(key)(String(e.detail.value))}>
        <View className="rc-merchant-form__input">{form[key]}</View>
      </Picker>
    </FormField>
  );

  return (
    <View className={FORM}>
      <FormField
        block={FORM}
        label="优惠标题"
        name="title"
        value={form.title}
        error={errors.title}
        placeholder="如：商圈职工午餐九折"
        onInput={set('title')}
      />
      <FormField block={FORM} label="优惠说明" error={errors.description}>
        <Textarea
          className="rc-merchant-form__textarea"
          value={form.description}
          placeholder="使用方式、适用范围等"
          maxlength={500}
          onInput={(e) => set('description')(e.detail.value)}
        />
      </FormField>
      {original ? null : (
        <FormField block={FORM} label="所属联盟" error={errors.alliance}>
          <View className="rc-merchant-form__choices">
            {ALLIANCES.map((a) => (
              <View
                key={a}
                className={
                  a === form.alliance
                    ? 'rc-merchant-form__choice rc-merchant-form__choice--active'
                    : 'rc-merchant-form__choice'
                }
                onClick={() => set('alliance')(a)}
              >
                {ALLIANCE_LABELS[a]}
              </View>
            ))}
          </View>
        </FormField>
      )}
      {count('发放总量', 'quantity', '发放张数')}
      {count('每人限领', 'perUserLimit', '每人最多领取张数')}
      {day('开始日期', 'fromDay', errors.validFrom)}
      {day('结束日期（当天 23:59 截止）', 'untilDay', errors.validUntil)}
      <SubmitButton
        submission={submission}
        label={original ? '保存修改' : '发布优惠'}
        onSubmit={() => void submit()}
      />
    </View>
  );
}

export default function MerchantOfferFormPage() {
  const editingId = useRouter().params.id;
  const auth = useRequireAuth();
  const page = usePageData(async () => (editingId ? allianceApi.offer(editingId) : null), [editingId], {
    enabled: auth.status === 'signedIn',
  });

  return (
    <View className="rc-page rc-merchant-offer-form">
      <NavBar />
      <PageContent page={page}>{(original) => <OfferForm original={original} />}</PageContent>
    </View>
  );
}
