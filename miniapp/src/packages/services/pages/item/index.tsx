// A service item: what it is, who provides it, how to ask; and the 申请 form (signing in happens on the tap).
import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { createRequestSchema, type ServiceRequest } from '@shared/api/services';
import { useState } from 'react';
import { requireSignIn } from '../../../../auth/requireSignIn';
import { servicesApi } from '../../../../api/services';
import { FormField, NavBar, PageContent, usePageData } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { TEMPLATE_IDS, askSubscribeConsent } from '../../../../lib/subscribeMessage';
import { useFormSubmission } from '../../../../lib/useFormSubmission';
import { openPage } from '../../../../navigation';
import '../../styles.scss';
import './index.scss';

function AskForm({ itemId }: { itemId: string }) {
  const [description, setDescription] = useState('');
  const [contact, setContact] = useState('');
  const [sent, setSent] = useState<ServiceRequest | null>(null);
  const submission = useFormSubmission({
    onFailure: (e) => void Taro.showToast({ title: e.message, icon: 'none' }),
  });
  const body = { itemId, description, ...(contact.trim() ? { contact } : {}) };
  const ask = async () => {
    if (!(await requireSignIn())) return;
    // WeChat delivers the status-change message only with the consent asked on this tap (no-op on H5).
    await askSubscribeConsent(TEMPLATE_IDS.serviceStatus);
    await submission.submit(createRequestSchema, body, async (data) => {
      setSent(await servicesApi.ask(data));
      void Taro.showToast({ title: '申请已提交', icon: 'none' });
    });
  };
  if (sent)
    return (
      <View className="rc-card rc-services-item__sent">
        <View className="rc-services-title">申请已提交</View>
        <View className="rc-services-meta">工作人员受理后会更新进度，可在“我的申请”中查看。</View>
        <View className="rc-services-actions">
          <Button
            className="rc-services-button rc-services-button--primary"
            onClick={() => void openPage('/packages/services/pages/mine/index')}
          >
            查看我的申请
          </Button>
        </View>
      </View>
    );
  return (
    <View className="rc-card rc-services-form">
      <View className="rc-services-title">申请这项服务</View>
      <FormField block="rc-services-form" label="需求描述" error={submission.errors.description}>
        <Textarea
          className="rc-services-form__textarea"
          value={description}
          maxlength={1000}
          placeholder="请简要说明您需要的帮助"
          onInput={(e) => setDescription(e.detail.value)}
        />
      </FormField>
      <FormField
        block="rc-services-form"
        label="联系方式（选填）"
        value={contact}
        placeholder="手机号或其他联系方式"
        error={submission.errors.contact}
        onInput={setContact}
      />
      {submission.errors._ ? <View className="rc-services-form__error">{submission.errors._}</View> : null}
      <View className="rc-services-actions">
        <Button
          className="rc-services-button rc-services-button--primary rc-services-item__submit"
          {...buttonProps({ loading: submission.busy, disabled: submission.busy, onClick: () => void ask() })}
        >
          提交申请
        </Button>
      </View>
    </View>
  );
}

export default function ServiceItemPage() {
  const id = useRouter().params.id ?? '';
  const page = usePageData(async () => {
    const menu = await servicesApi.menu();
    for (const category of menu.categories) {
      const item = category.items.find((i) => i.id === id);
      if (item) return { item, category: category.name };
    }
    return null;
  }, [id]);
  return (
    <View className="rc-page rc-services-item">
      <NavBar />
      <PageContent
        page={page}
        isEmpty={(d) => d === null}
        emptyText="该服务已下架"
        emptyIcon="clipboard"
        emptyHint="请回到服务清单查看其他服务"
      >
        {(d) => (
          <View>
            <View className="rc-card">
              <View className="rc-services-item__category">{d!.category}</View>
              <View className="rc-services-title">{d!.item.name}</View>
              <View className="rc-services-meta">{d!.item.description}</View>
              <View className="rc-services-item__label">服务提供</View>
              <View className="rc-services-meta">{d!.item.provider}</View>
              {d!.item.howTo ? (
                <View>
                  <View className="rc-services-item__label">如何申请</View>
                  <View className="rc-services-meta">{d!.item.howTo}</View>
                </View>
              ) : null}
            </View>
            <AskForm itemId={d!.item.id} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
