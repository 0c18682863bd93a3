// 商户入驻: the application form, or where the application stands.
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { MERCHANT_STATUS_LABELS, applyMerchantSchema, type ApplyMerchantRequest } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { PageContent, usePageData, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { MERCHANT_SHOP_PAGE } from '../../../alliance/components/links';
import { Field } from '../../components/Field';
import '../../components/forms.scss';

const EMPTY: ApplyMerchantRequest = { name: '', category: '', address: '', contact: '' };

export default function MerchantApplyPage() {
  const auth = useRequireAuth();
  const page = usePageData(() => allianceApi.myMerchant(), [], { enabled: auth.status === 'signedIn' });
  const [form, setForm] = useState<ApplyMerchantRequest>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (field: keyof ApplyMerchantRequest) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  async function submit() {
    const parsed = applyMerchantSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setFailure(null);
    setSending(true);
    try {
      page.setData(await allianceApi.apply(parsed.data));
    } catch (err) {
      const apiError = toApiError(err);
      setErrors(apiError.fields ?? {});
      setFailure(apiError.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <View className="rc-page rc-merchant-apply">
      <PageContent page={page}>
        {(merchant) =>
          merchant && merchant.status !== 'rejected' ? (
            <View className="rc-merchant-banner">
              <View className="rc-merchant-banner__title">{merchant.name}</View>
              <View>入驻申请：{MERCHANT_STATUS_LABELS[merchant.status]}</View>
              {merchant.status === 'pending' ? <View>服务中心工作人员审核后即可发布优惠。</View> : null}
              {merchant.status === 'approved' ? (
                <Button
                  className="rc-merchant-form__submit"
                  onClick={() => void auth.refresh().then(() => openPage(MERCHANT_SHOP_PAGE))}
                >
                  进入商户中心
                </Button>
              ) : null}
            </View>
          ) : (
            <View>
              {merchant?.status === 'rejected' ? (
                <View className="rc-merchant-banner">
                  上次申请未通过{merchant.reason ? `：${merchant.reason}` : ''}。可修改后重新提交。
                </View>
              ) : (
                <View className="rc-merchant-banner">
                  加入商圈行业联盟、异业联盟，为商圈职工和居民提供专属优惠。
                </View>
              )}
              <View className="rc-merchant-form">
                <Field
                  label="店铺名称"
                  name="name"
                  value={form.name}
                  error={errors.name}
                  placeholder="如：环翠楼老字号面馆"
                  onInput={set('name')}
                />
                <Field
                  label="经营类别"
                  name="category"
                  value={form.category}
                  error={errors.category}
                  placeholder="如：餐饮、零售、文创"
                  onInput={set('category')}
                />
                <Field
                  label="店铺地址"
                  name="address"
                  value={form.address}
                  error={errors.address}
                  placeholder="街道门牌号"
                  onInput={set('address')}
                />
                <Field
                  label="联系人及电话"
                  name="contact"
                  value={form.contact}
                  error={errors.contact}
                  placeholder="如：王经理 138…"
                  onInput={set('contact')}
                />
                {failure ? (
                  <View className="rc-merchant-form__error" role="alert">
                    {failure}
                  </View>
                ) : null}
                <Button
                  className="rc-merchant-form__submit"
                  loading={sending}
                  disabled={sending}
                  onClick={() => void submit()}
                >
                  提交申请
                </Button>
              </View>
            </View>
          )
        }
      </PageContent>
    </View>
  );
}
