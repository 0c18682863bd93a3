// Event detail: what, when, where, a seats gauge, and the sign-up button whose state follows the rules
// (报名 / 候补 / 已报名 / 已满 / 已截止); youth events ask for the children; staff get their tools.
import { Button, Input, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import {
  EVENT_KIND_LABELS,
  EVENT_STATUS_LABELS,
  SIGNUP_BUTTON_LABELS,
  signUpSchema,
  signupButtonState,
  type EventDetailReply,
} from '@shared/api/events';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { eventsApi } from '../../../../api/events';
import { NavBar, PageContent, useAuth, usePageData } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatDateTime, formatRange } from '../../../../lib/districtTime';
import { checkForm, type FieldErrors } from '../../../../lib/form';
import { signedInUserNow } from '../../../../auth/AuthProvider';
import { requireSignIn } from '../../../../auth/requireSignIn';
import { openPage } from '../../../../navigation';
import { ChildrenForm, type ChildDraft } from '../../components/ChildrenForm';
import { ContactNameField } from '../../components/ContactNameField';
import { EventActions, eventSharePath } from '../../components/EventActions';
import { GuardianConsent, guardianConsentOf } from '../../components/GuardianConsent';
import { SeatsGauge } from '../../components/SeatsGauge';
import { CONTACT_NAME_REQUIRED, contactNamePrefill, rememberContactName } from '../../contactName';
import { askReminderConsent } from '../../subscribe';
import { useActionConsent } from '../../../../lib/useActionConsent';
import { useCancelSignup } from '../../useCancelSignup';
import { WAITLIST_NEXT_STEP, waitlistPlace } from '../../waitlist';
import './index.scss';

/** A child's own field (`participants.0.age`) reads 请填写正确的姓名和年龄 whatever the schema said. */
function childErrorsInPlainWords(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field,
      /^participants\.\d+\./.test(field) ? '请填写正确的姓名和年龄' : message,
    ]),
  );
}

function SignupPanel({ data, reload }: { data: EventDetailReply; reload: () => Promise<void> }) {
  const { event, mySignup } = data;
  const youth = event.kind === 'youth_education';
  const [children, setChildren] = useState<ChildDraft[]>([{ name: '', age: '' }]);
  const [phone, setPhone] = useState('');
  const [consented, setConsented] = useState(false);
  // 联系人姓名: null until typed in, shown as the profile's name meanwhile (also once signing in on the tap loads it).
  const auth = useAuth();
  const [contactName, setContactName] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [signingUp, setSigningUp] = useState(false);
  const reminderConsent = useActionConsent(askReminderConsent);
  const { cancel, cancelling } = useCancelSignup(event.id, '确定取消报名吗？名额将让给候补的人。', reload);
  const busy = signingUp || cancelling;
  const seats = youth ? Math.max(1, children.length) : 1;
  const state = signupButtonState(event, mySignup, Date.now(), seats);
  const active = mySignup && mySignup.status !== 'cancelled';
  const waitlisted = mySignup?.status === 'waitlisted';

  const signUp = async () => {
    // Signing in happens here, on the tap, and then the action goes on (declined: nothing happens).
    if (!(await requireSignIn())) return;
    const subscribe = await reminderConsent.consent();
    const name = (contactName ?? contactNamePrefill(signedInUserNow())).trim();
    const body = {
      ...(name ? { contactName: name } : {}),
      ...(youth
        ? { participants: children.map((c) => ({ name: c.name, age: c.age === '' ? NaN : Number(c.age) })) }
        : {}),
      ...(youth && phone ? { guardianPhone: phone } : {}),
      ...(youth ? guardianConsentOf(consented) : {}),
      subscribe,
    };
    const checked = checkForm(signUpSchema, body);
    const localErrors = checked.ok ? {} : childErrorsInPlainWords(checked.errors);
    if (!name) localErrors.contactName = CONTACT_NAME_REQUIRED;
    if (youth && !consented) localErrors.guardianConsent = '请阅读并勾选同意监护人授权';
    setErrors(localErrors);
    if (Object.keys(localErrors).length) return;
    setSigningUp(true);
    try {
      // A retry of the same sign-up reuses its Idempotency-Key until a final answer (the API client's rule).
      const signup = await eventsApi.signUp(event.id, body);
      reminderConsent.settle();
      void Taro.showToast({
        title: signup.status === 'confirmed' ? '报名成功' : `已加入候补：${waitlistPlace(signup)}`,
        icon: 'none',
      });
      await reload();
      void rememberContactName(name, signedInUserNow(), auth.setUser);
    } catch (err) {
      reminderConsent.settle(err);
      const e = toApiError(err);
      if (e.fields) setErrors(e.fields);
      void Taro.showToast({ title: e.message, icon: 'none' });
      if (e.status === 409) await reload();
    } finally {
      setSigningUp(false);
    }
  };

  return (
    <View className="rc-card rc-events-detail__signup">
      {active && !waitlisted ? (
        <View className="rc-events-detail__mine">
          您已报名（{mySignup.seats} 个名额）
          {mySignup.contactName ? (
            <View className="rc-events-detail__mine-name">点名时叫：{mySignup.contactName}</View>
          ) : null}
        </View>
      ) : null}
      {waitlisted ? (
        <View className="rc-events-detail__waitlisted" data-state="waitlisted">
          <View className="rc-events-detail__waitlisted-badge">候补</View>
          <View className="rc-events-detail__waitlisted-body">
            <View className="rc-events-detail__waitlisted-place">{waitlistPlace(mySignup)}</View>
            <View className="rc-events-detail__waitlisted-next">{WAITLIST_NEXT_STEP}</View>
          </View>
        </View>
      ) : null}
      {!active && (state === 'signup' || state === 'waitlist') ? (
        <ContactNameField
          value={contactName ?? contactNamePrefill(auth.user)}
          onChange={(value) => {
            setContactName(value);
            setErrors(({ contactName: _answered, ...rest }) => rest);
          }}
          error={errors.contactName}
          youth={youth}
        />
      ) : null}
      {youth && !active && (state === 'signup' || state === 'waitlist') ? (
        <View>
          <ChildrenForm event={event} children={children} onChange={setChildren} errors={errors} />
          <Input
            className="rc-events-detail__phone"
            type="number"
            placeholder="监护人手机号（资料中已有可不填）"
            value={phone}
            onInput={(e) => setPhone(e.detail.value)}
          />
          {errors.guardianPhone ? (
            <View className="rc-events-detail__error">{errors.guardianPhone}</View>
          ) : null}
          <GuardianConsent
            checked={consented}
            onChange={(agreed) => {
              setConsented(agreed);
              setErrors(({ guardianConsent: _answered, ...rest }) => rest);
            }}
            error={errors.guardianConsent}
          />
        </View>
      ) : null}
      <Button
        className={`rc-events-detail__button rc-events-detail__button--${waitlisted ? 'waitlisted' : state}`}
        {...buttonProps({
          disabled: busy || (state !== 'signup' && state !== 'waitlist'),
          loading: busy,
          onClick: () => void signUp(),
        })}
      >
        {waitlisted ? '候补中' : SIGNUP_BUTTON_LABELS[state]}
      </Button>
      {active ? (
        <View className="rc-events-detail__actions">
          {mySignup.status === 'confirmed' ? (
            <Button
              className="rc-events-detail__secondary"
              onClick={() => void openPage('/packages/events/pages/mine/index')}
            >
              查看电子票
            </Button>
          ) : null}
          <Button
            className="rc-events-detail__secondary"
            {...buttonProps({ disabled: busy, onClick: () => void cancel() })}
          >
            取消报名
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export default function EventDetailPage() {
  const id = useRouter().params.id ?? '';
  const auth = useAuth();
  const page = usePageData(() => eventsApi.get(id), [id, auth.status], {
    enabled: auth.status !== 'loading',
    refreshOnShow: true,
  });
  // The share card: the event's title, opening this page (a stranger may browse it before signing in).
  useShareAppMessage(() => ({
    title: page.data ? `${page.data.event.title} · 红色商圈` : '红色商圈活动',
    path: eventSharePath(id),
  }));

  return (
    <View className="rc-page rc-events-detail">
      <NavBar />
      <PageContent page={page}>
        {(data) => (
          <View>
            <View className="rc-card">
              <View className="rc-events-detail__kind">
                {EVENT_KIND_LABELS[data.event.kind]} · {EVENT_STATUS_LABELS[data.event.status]}
              </View>
              <View className="rc-events-detail__title">{data.event.title}</View>
              <View className="rc-events-detail__row">
                时间：{formatRange(data.event.startsAt, data.event.endsAt)}
              </View>
              <View className="rc-events-detail__row">地点：{data.event.location}</View>
              {data.event.signupClosesAt ? (
                <View className="rc-events-detail__row">
                  报名截止：{formatDateTime(data.event.signupClosesAt)}
                </View>
              ) : null}
              <SeatsGauge event={data.event} />
              {data.event.description ? (
                <View className="rc-events-detail__desc">{data.event.description}</View>
              ) : null}
              <EventActions event={data.event} />
            </View>
            <SignupPanel data={data} reload={page.reload} />
            {auth.hasRole('staff') ? (
              <View className="rc-events-detail__staff">
                <Button
                  className="rc-events-detail__secondary"
                  onClick={() => void openPage(`/packages/events/pages/edit/index?id=${id}`)}
                >
                  编辑活动
                </Button>
                <Button
                  className="rc-events-detail__secondary"
                  onClick={() => void openPage(`/packages/events/pages/attendees/index?id=${id}`)}
                >
                  名单与签到
                </Button>
              </View>
            ) : null}
          </View>
        )}
      </PageContent>
    </View>
  );
}
