// Staff: the attendee list with roll-calls (a party lesson has 出发 / 到达 / 返程), scan-to-attend (camera on WeChat,
// typed or pasted ticket text on H5), who is still missing (on the return trip: departed and not back), and export.
import { Button, Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ROLL_CALL_LABELS, type AttendeeView, type RollCall } from '@shared/api/events';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { goToSignIn } from '../../../../navigation';
import { eventsApi } from '../../../../api/events';
import { getToken, setToken } from '../../../../auth/session';
import { NavBar, Empty, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { canScan, scanCode } from '../../../../lib/scanCode';
import { exportSignupsCsv } from '../../exportCsv';
import './index.scss';

/** The name staff call out: the one given at sign-up, else the nickname. */
const callName = (a: AttendeeView) => a.contactName || a.nickname;

function who(a: AttendeeView): string {
  return a.participants?.length
    ? `${callName(a)}（${a.participants.map((p) => p.name).join('、')}）`
    : callName(a);
}

export default function AttendeesPage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id ?? '';
  const staff = auth.hasRole('staff');
  const page = usePageData(
    async () => {
      const [detail, confirmed, waitlisted, rollCalls] = await Promise.all([
        eventsApi.get(id),
        eventsApi.allSignups(id, 'confirmed'),
        eventsApi.allSignups(id, 'waitlisted'),
        eventsApi.rollCalls(id),
      ]);
      return {
        event: detail.event,
        confirmed,
        waitlisted,
        rollCalls: rollCalls.rollCalls,
      };
    },
    [id],
    { enabled: auth.status === 'signedIn' && staff, refreshOnShow: true },
  );
  const [chosen, setChosen] = useState<RollCall | null>(null);
  const [ticket, setTicket] = useState('');
  const [busy, setBusy] = useState(false);

  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;

  const mark = async (body: { signupId?: string; ticket?: string }, rollCall: RollCall) => {
    setBusy(true);
    try {
      const signup = await eventsApi.attend(id, { ...body, rollCall });
      void Taro.showToast({
        title:
          rollCall === 'attend'
            ? `${callName(signup)} 已签到`
            : `${callName(signup)} ${ROLL_CALL_LABELS[rollCall]}已点名`,
        icon: 'none',
      });
      setTicket('');
      await page.reload();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = async () => {
    void Taro.showLoading({ title: '正在导出…', mask: true });
    try {
      await exportSignupsCsv(eventsApi.exportUrl(id), getToken(), `报名名单-${page.data?.event.title ?? id}`);
      Taro.hideLoading();
      void Taro.showToast({ title: '名单已导出', icon: 'success' });
    } catch (err) {
      Taro.hideLoading();
      const failure = toApiError(err);
      if (failure.status === 401) {
        setToken(null); // as the API client does on a 401: the session is over, so sign-in is asked for
        goToSignIn();
      } else void Taro.showToast({ title: failure.message, icon: 'none' });
    }
  };

  return (
    <View className="rc-page rc-events-attendees">
      <NavBar />
      <PageContent page={page}>
        {(data) => {
          const rollCall = chosen ?? data.event.rollCalls[0];
          const summary = data.rollCalls.find((r) => r.name === rollCall);
          return (
            <View>
              <View className="rc-card">
                <View className="rc-events-attendees__title">{data.event.title}</View>
                <View className="rc-events-attendees__calls">
                  {data.event.rollCalls.map((name) => (
                    <View
                      key={name}
                      className={
                        name === rollCall
                          ? 'rc-events-attendees__call rc-events-attendees__call--active'
                          : 'rc-events-attendees__call'
                      }
                      onClick={() => setChosen(name)}
                    >
                      {ROLL_CALL_LABELS[name]} {data.rollCalls.find((r) => r.name === name)?.present ?? 0}/
                      {data.confirmed.length}
                    </View>
                  ))}
                </View>
                <Input
                  className="rc-events-attendees__ticket"
                  maxlength={512}
                  placeholder="粘贴或输入电子票内容"
                  value={ticket}
                  onInput={(e) => setTicket(e.detail.value)}
                />
                <View className="rc-events-attendees__scan">
                  {canScan ? (
                    <Button
                      className="rc-events-attendees__primary"
                      {...buttonProps({
                        disabled: busy,
                        onClick: () =>
                          void scanCode().then((text) =>
                            text ? mark({ ticket: text }, rollCall) : undefined,
                          ),
                      })}
                    >
                      扫码签到
                    </Button>
                  ) : null}
                  <Button
                    className="rc-events-attendees__primary"
                    {...buttonProps({
                      disabled: busy || ticket.trim() === '',
                      onClick: () => void mark({ ticket: ticket.trim() }, rollCall),
                    })}
                  >
                    凭票签到
                  </Button>
                </View>
              </View>
              {summary && summary.missing.length > 0 ? (
                <View className="rc-card rc-events-attendees__missing">
                  <View className="rc-events-attendees__subtitle">
                    {rollCall === 'return'
                      ? '出发了但尚未返程'
                      : rollCall === 'attend'
                        ? '尚未签到'
                        : `尚未${ROLL_CALL_LABELS[rollCall]}签到`}
                    （{summary.missing.length} 人）
                  </View>
                  {summary.missing.map((a) => (
                    <View key={a.id} className="rc-events-attendees__missing-row">
                      {who(a)}
                      {a.guardianPhone ? ` · ${a.guardianPhone}` : ''}
                    </View>
                  ))}
                </View>
              ) : null}
              <View className="rc-card">
                <View className="rc-events-attendees__subtitle">已报名（{data.confirmed.length}）</View>
                <View className="rc-events-attendees__counts" data-testid="attendee-counts">
                  <View className="rc-events-attendees__count rc-events-attendees__count--present">
                    已{ROLL_CALL_LABELS[rollCall]}{' '}
                    {data.confirmed.filter((a) => a.attendance?.[rollCall]).length}
                  </View>
                  <View className="rc-events-attendees__count rc-events-attendees__count--absent">
                    未{ROLL_CALL_LABELS[rollCall]}{' '}
                    {data.confirmed.filter((a) => !a.attendance?.[rollCall]).length}
                  </View>
                  {data.waitlisted.length > 0 ? (
                    <View className="rc-events-attendees__count">候补 {data.waitlisted.length}</View>
                  ) : null}
                </View>
                {data.confirmed.length === 0 ? (
                  <Empty icon="user" text="还没有人报名" hint="报名后名单和签到情况会出现在这里" />
                ) : null}
                {data.confirmed.map((a) => (
                  <View key={a.id} className="rc-events-attendees__row">
                    <View className="rc-events-attendees__who">
                      {who(a)}
                      <View className="rc-events-attendees__marks">
                        {data.event.rollCalls
                          .map((name) => (a.attendance?.[name] ? `${ROLL_CALL_LABELS[name]}✓ ` : ''))
                          .join('') || '未签到'}
                      </View>
                    </View>
                    {a.attendance?.[rollCall] ? (
                      <View className="rc-events-attendees__done">已{ROLL_CALL_LABELS[rollCall]}</View>
                    ) : (
                      <Button
                        className="rc-events-attendees__mark"
                        {...buttonProps({
                          disabled: busy,
                          onClick: () => void mark({ signupId: a.id }, rollCall),
                        })}
                      >
                        {ROLL_CALL_LABELS[rollCall]}
                      </Button>
                    )}
                  </View>
                ))}
                {data.waitlisted.length > 0 ? (
                  <View className="rc-events-attendees__none">候补 {data.waitlisted.length} 人</View>
                ) : null}
              </View>
              <Button className="rc-events-attendees__export" onClick={() => void exportCsv()}>
                导出名单（CSV）
              </Button>
            </View>
          );
        }}
      </PageContent>
    </View>
  );
}
