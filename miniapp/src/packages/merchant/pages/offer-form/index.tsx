// 发布 / 编辑优惠. Times are picked as district dates: from 00:00 of the first day to 23:59 of the last.
import { Button, Picker, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  ALLIANCES,
  ALLIANCE_LABELS,
  createOfferSchema,
  updateOfferSchema,
  type Alliance,
  type Offer,
} from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { PageContent, usePageData, useRequireAuth } from '../../../../components';
import { districtDay, districtInstant } from '../../../alliance/components/format';
import { Field } from '../../components/Field';
import '../../components/forms.scss';

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

export default function MerchantOfferFormPage() {
  const { params } = useRouter();
  const editingId = params.id;
  const auth = useRequireAuth();
  const page = usePageData(async () => (editingId ? allianceApi.offer(editingId) : null), [editingId], {
    enabled: auth.status === 'signedIn',
  });
  const [form, setForm] = useState<FormState | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (page.data !== undefined && form === null) setForm(initial(page.data));
  }, [page.data, form]);

  const set = (field: keyof FormState) => (value: string) =>
    setForm((f) => (f ? { ...f, [field]: value } : f));

  async function submit(current: FormState, original: Offer | null) {
    const terms = {
      title: current.title,
      description: current.description,
      quantity: Number(current.quantity),
      perUserLimit: Number(current.perUserLimit),
      validFrom: districtInstant(current.fromDay, '00:00'),
      validUntil: districtInstant(current.untilDay, '23:59'),
    };
    const windowChanged =
      !original ||
      districtDay(original.validFrom) !== current.fromDay ||
      districtDay(original.validUntil) !== current.untilDay;
    const request = original
      ? { ...terms, ...(windowChanged ? {} : { validFrom: undefined, validUntil: undefined }) }
      : { ...terms, alliance: current.alliance };
    const parsed = original ? updateOfferSchema.safeParse(request) : createOfferSchema.safeParse(request);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setFailure(null);
    setSending(true);
    try {
      if (original) await allianceApi.updateOffer(original.id, request);
      else await allianceApi.createOffer({ ...terms, alliance: current.alliance });
      void Taro.showToast({ title: original ? '已保存' : '已发布', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (err) {
      const apiError = toApiError(err);
      setErrors(apiError.fields ?? {});
      setFailure(apiError.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <View className="rc-page rc-merchant-offer-form">
      <PageContent page={page}>
        {(original) =>
          form ? (
            <View className="rc-merchant-form">
              <Field
                label="优惠标题"
                name="title"
                value={form.title}
                error={errors.title}
                placeholder="如：商圈职工午餐九折"
                onInput={set('title')}
              />
              <Field label="优惠说明" error={errors.description}>
                <Textarea
                  className="rc-merchant-form__textarea"
                  value={form.description}
                  placeholder="使用方式、适用范围等"
                  maxlength={500}
                  onInput={(e) => set('description')(e.detail.value)}
                />
              </Field>
              {original ? null : (
                <Field label="所属联盟" error={errors.alliance}>
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
                </Field>
              )}
              <Field
                label="发放总量"
                name="quantity"
                type="number"
                value={form.quantity}
                error={errors.quantity}
                placeholder="发放张数"
                onInput={set('quantity')}
              />
              <Field
                label="每人限领"
                name="perUserLimit"
                type="number"
                value={form.perUserLimit}
                error={errors.perUserLimit}
                placeholder="每人最多领取张数"
                onInput={set('perUserLimit')}
              />
              <Field label="开始日期" error={errors.validFrom}>
                <Picker
                  mode="date"
                  value={form.fromDay}
                  onChange={(e) => set('fromDay')(String(e.detail.value))}
                >
                  <View className="rc-merchant-form__input">{form.fromDay}</View>
                </Picker>
              </Field>
              <Field label="结束日期（当天 23:59 截止）" error={errors.validUntil}>
                <Picker
                  mode="date"
                  value={form.untilDay}
                  onChange={(e) => set('untilDay')(String(e.detail.value))}
                >
                  <View className="rc-merchant-form__input">{form.untilDay}</View>
                </Picker>
              </Field>
              {failure ? (
                <View className="rc-merchant-form__error" role="alert">
                  {failure}
                </View>
              ) : null}
              <Button
                className="rc-merchant-form__submit"
                loading={sending}
                disabled={sending}
                onClick={() => void submit(form, original)}
              >
                {original ? '保存修改' : '发布优惠'}
              </Button>
            </View>
          ) : null
        }
      </PageContent>
    </View>
  );
}
