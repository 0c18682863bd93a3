// 商户入驻: the application form, or where the application stands.
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { MERCHANT_STATUS_LABELS, applyMerchantSchema, type ApplyMerchantRequest } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { NavBar, FormField, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { MERCHANT_SHOP_PAGE } from '../../../../features/alliance/links';
import { useFormSubmission } from '../../../../lib/useFormSubmission';
import { SubmitButton } from '../../components/SubmitButton';
import '../../components/forms.scss';

const EMPTY: ApplyMerchantRequest = { name: '', category: '', address: '', contact: '' };
const FORM = 'rc-merchant-form';
const FIELDS: { key: keyof ApplyMerchantRequest; label: string; placeholder: string }[] = [
  { key: 'name', label: '店铺名称', placeholder: '如：环翠楼老字号面馆' },
  { key: 'category', label: '经营类别', placeholder: '如：餐饮、零售、文创' },
  { key: 'address', label: '店铺地址', placeholder: '街道门牌号' },
  { key: 'contact', label: '联系人及电话', placeholder: '如：王经理 138…' },
];

export default function MerchantApplyPage() {
  const auth = useRequireAuth();
  const page = usePageData(() => allianceApi.myMerchant(), [], { enabled: auth.status === 'signedIn' });
  const [form, setForm] = useState<ApplyMerchantRequest>(EMPTY);
  const submission = useFormSubmission();

  const submit = () =>
    submission.submit(applyMerchantSchema, form, async (request) =>
      page.setData(await allianceApi.apply(request)),
    );

  return (
    <View className="rc-page rc-merchant-apply">
      <NavBar />
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
              <View className={FORM}>
                {FIELDS.map(({ key, label, placeholder }) => (
                  <FormField
                    key={key}
                    block={FORM}
                    label={label}
                    name={key}
                    value={form[key]}
                    error={submission.errors[key]}
                    placeholder={placeholder}
                    onInput={(value) => setForm((f) => ({ ...f, [key]: value }))}
                  />
                ))}
                <SubmitButton submission={submission} label="提交申请" onSubmit={() => void submit()} />
              </View>
            </View>
          )
        }
      </PageContent>
    </View>
  );
}
