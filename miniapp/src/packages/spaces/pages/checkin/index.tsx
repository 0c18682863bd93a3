// The check-in page. Opened by the door code (H5: its URL; WeChat: the scanner, or the code's URL through the
// "scan ordinary QR codes" rule, which passes the URL as `q`), or from the spaces tab without a token.
// With a token it checks in at once (a second scan answers with the same check-in); then "您已签到" and check-out.
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { parseDoorCode, type Checkin, type Space } from '@shared/api/spaces';
import { ApiError, toApiError } from '../../../../api/client';
import { spacesApi } from '../../../../api/spaces';
import { ErrorState, Loading, useRequireAuth } from '../../../../components';
import { Gauge } from '../../../../pages/spaces/Gauge';
import { whileBusy } from '../../whileBusy';
import './index.scss';

interface State {
  space: Space;
  checkin: Checkin | null;
}

function doorCodeOf(params: Record<string, string | undefined>): {
  spaceId: string | null;
  token: string | null;
} {
  if (params.q) {
    const code = parseDoorCode(decodeURIComponent(params.q));
    return { spaceId: code?.spaceId ?? null, token: code?.token ?? null };
  }
  const token = params.token ? decodeURIComponent(params.token) : null;
  const fromToken = token ? parseDoorCode(token) : null;
  return { spaceId: params.spaceId ?? fromToken?.spaceId ?? null, token };
}

const time = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

export default function CheckinPage() {
  const auth = useRequireAuth();
  const router = useRouter();
  const { spaceId, token } = doorCodeOf(router.params);
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  const load = async () => {
    if (!spaceId) {
      setError(new ApiError(400, 'INVALID_QR', '二维码无效，请扫描空间门口的二维码'));
      return;
    }
    setError(null);
    try {
      if (token) {
        const reply = await spacesApi.checkIn(spaceId, token);
        setState({ space: reply.space, checkin: reply.checkin });
      } else {
        const reply = await spacesApi.get(spaceId);
        setState({ space: reply.space, checkin: reply.myCheckin });
      }
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      // Full or closed: still show the space and its gauge.
      if (apiError.status === 409) {
        const reply = await spacesApi.get(spaceId).catch(() => null);
        if (reply) setState({ space: reply.space, checkin: reply.myCheckin });
      }
    }
  };

  useEffect(() => {
    if (auth.status !== 'signedIn' || started.current) return;
    started.current = true;
    void load();
  }, [auth.status]);

  const checkOut = async () => {
    if (!state) return;
    setBusy(true);
    try {
      const reply = await spacesApi.checkOut(state.space.id);
      setState({ space: reply.space, checkin: reply.checkin });
      void Taro.showToast({ title: '已签退，欢迎再来', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (!state && error && error.status !== 409) {
    return (
      <View className="rc-page rc-spaces-checkin">
        <ErrorState error={error} onRetry={spaceId ? () => void load() : undefined} />
      </View>
    );
  }
  if (!state) return <Loading />;

  const { space, checkin } = state;
  const isIn = checkin?.status === 'in';
  return (
    <View className="rc-page rc-spaces-checkin">
      <View className="rc-card rc-spaces-checkin__space">
        <View className="rc-spaces-checkin__name">{space.name}</View>
        <View className="rc-spaces-checkin__address">{space.address}</View>
        <Gauge occupancy={space.occupancy} capacity={space.capacity} large />
      </View>

      {isIn ? (
        <View className="rc-card rc-spaces-checkin__status rc-spaces-checkin__status--in">
          <View className="rc-spaces-checkin__headline">您已签到</View>
          <View className="rc-spaces-checkin__detail">
            {time(checkin.checkedInAt)} 入场 · {time(checkin.autoCheckoutAt)} 自动签退
          </View>
          <Button
            className="rc-spaces-checkin__checkout"
            {...whileBusy(busy)}
            onClick={() => void checkOut()}
          >
            签退离场
          </Button>
        </View>
      ) : checkin?.status === 'out' ? (
        <View className="rc-card rc-spaces-checkin__status rc-spaces-checkin__status--out">
          <View className="rc-spaces-checkin__headline">您已签退</View>
          <View className="rc-spaces-checkin__detail">
            {time(checkin.checkedInAt)} 入场 ·{' '}
            {checkin.checkedOutAt ? `${time(checkin.checkedOutAt)} 离场` : ''}
          </View>
        </View>
      ) : (
        <View className="rc-card rc-spaces-checkin__status">
          <View className="rc-spaces-checkin__headline">{error ? error.message : '尚未签到'}</View>
          <View className="rc-spaces-checkin__detail">
            {error?.code === 'SPACE_FULL'
              ? '空间已满，请稍后再扫码'
              : error?.code === 'SPACE_CLOSED'
                ? `开放时间 ${space.opensAt ?? ''}–${space.closesAt ?? ''}`
                : '到达空间后，扫描门口的二维码即可签到入场'}
          </View>
          {error && token ? (
            <Button className="rc-spaces-checkin__retry" onClick={() => void load()}>
              再试一次
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
