// The check-in page. Opened by the door code (H5: its URL; WeChat: the scanner, or the code's URL through the
// "scan ordinary QR codes" rule, which passes the URL as `q`), or from the spaces tab without a token.
// With a token it checks in at once (a second scan answers with the same check-in); then "您已签到" and check-out.
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { parseDoorCode, type Checkin, type Space } from '@shared/api/spaces';
import { ApiError, explain, toApiError } from '../../../../api/client';
import { spacesApi } from '../../../../api/spaces';
import { NavBar, ErrorState, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { closedText, Gauge } from '../../../../features/spaces/Gauge';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatClock } from '../../../../lib/districtTime';
import './index.scss';

interface Visit {
  space: Space;
  checkin: Checkin | null;
  /** The check-in was refused (full, closed): the space is still shown, with the reason. */
  refused: ApiError | null;
}

const INVALID_QR = new ApiError(400, 'INVALID_QR', '二维码无效，请扫描空间门口的二维码');

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

/**
 * Checks in with the door code's token, once: after the API has answered (in, or refused with 409) a reload only
 * reads the space, until the visitor taps 再试一次.
 */
function useVisit(spaceId: string | null, token: string | null, enabled: boolean) {
  const tokenAnswered = useRef(false);
  const page = usePageData<Visit>(
    async () => {
      const id = spaceId ?? '';
      const visit = async (refused: ApiError | null = null): Promise<Visit> => {
        const reply = await spacesApi.get(id);
        return { space: reply.space, checkin: reply.myCheckin, refused };
      };
      if (!token || tokenAnswered.current) return visit();
      try {
        const reply = await spacesApi.checkIn(id, token);
        tokenAnswered.current = true;
        return { space: reply.space, checkin: reply.checkin, refused: null };
      } catch (err) {
        const apiError = toApiError(err);
        if (apiError.status !== 409) throw apiError;
        tokenAnswered.current = true;
        // Full or closed: still show the space and its gauge.
        return visit(apiError).catch(() => Promise.reject(apiError));
      }
    },
    [spaceId, token],
    { enabled: enabled && spaceId !== null },
  );
  const tryAgain = () => {
    tokenAnswered.current = false;
    return page.reload();
  };
  return { page, tryAgain };
}

interface StatusCardProps {
  visit: Visit;
  /** Why the visitor is not in: the check-in was refused, or trying again failed. */
  problem: ApiError | null;
  busy: boolean;
  onCheckOut(): void;
  /** Present when the page has a door code to try again with. */
  onTryAgain?: () => void;
}

/** 您已签到 (and check-out) / 您已签退 / not in yet, or why not. */
function StatusCard({ visit: { space, checkin }, problem, busy, onCheckOut, onTryAgain }: StatusCardProps) {
  if (checkin?.status === 'in')
    return (
      <View className="rc-card rc-spaces-checkin__status rc-spaces-checkin__status--in">
        <View className="rc-spaces-checkin__headline">您已签到</View>
        <View className="rc-spaces-checkin__detail">
          {formatClock(checkin.checkedInAt)} 入场 · {formatClock(checkin.autoCheckoutAt)} 自动签退
        </View>
        <Button
          className="rc-spaces-checkin__checkout"
          {...buttonProps({ loading: busy, disabled: busy, onClick: onCheckOut })}
        >
          签退离场
        </Button>
      </View>
    );
  if (checkin?.status === 'out')
    return (
      <View className="rc-card rc-spaces-checkin__status rc-spaces-checkin__status--out">
        <View className="rc-spaces-checkin__headline">您已签退</View>
        <View className="rc-spaces-checkin__detail">
          {formatClock(checkin.checkedInAt)} 入场 ·{' '}
          {checkin.checkedOutAt ? `${formatClock(checkin.checkedOutAt)} 离场` : ''}
        </View>
      </View>
    );
  return (
    <View className="rc-card rc-spaces-checkin__status">
      <View className="rc-spaces-checkin__headline">{problem ? problem.message : '尚未签到'}</View>
      <View className="rc-spaces-checkin__detail">
        {problem?.code === 'SPACE_CLOSED'
          ? closedText(space.opensAt, space.closesAt)
          : problem
            ? explain(problem).hint
            : '到达空间后，扫描门口的二维码即可签到入场'}
      </View>
      {/* Only when trying again can change the answer (network, busy server); full or closed will not change now. */}
      {problem && onTryAgain && problem.retryable ? (
        <Button className="rc-spaces-checkin__retry" onClick={onTryAgain}>
          再试一次
        </Button>
      ) : null}
      {problem?.requestId ? (
        <View className="rc-spaces-checkin__request-id">错误编号 {problem.requestId}</View>
      ) : null}
    </View>
  );
}

export default function CheckinPage() {
  const { spaceId, token } = doorCodeOf(useRouter().params);
  // Scanned at the door: checking in needs the user. Opened from the list of spaces: anyone may look (the space is
  // public; a signed-in user also sees their own visit).
  const auth = useRequireAuth(token !== null);
  const ready = token !== null ? auth.status === 'signedIn' : auth.status !== 'loading';
  const { page, tryAgain } = useVisit(spaceId, token, ready);
  const [busy, setBusy] = useState(false);

  const checkOut = async (space: Space) => {
    setBusy(true);
    try {
      const reply = await spacesApi.checkOut(space.id);
      page.setData({ space: reply.space, checkin: reply.checkin, refused: null });
      void Taro.showToast({ title: '已签退，欢迎再来', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="rc-page rc-spaces-checkin">
      <NavBar />
      {spaceId === null ? (
        <ErrorState error={INVALID_QR} />
      ) : (
        <PageContent page={page}>
          {(visit) => (
            <>
              <View className="rc-card rc-spaces-checkin__space">
                <View className="rc-spaces-checkin__name">{visit.space.name}</View>
                <View className="rc-spaces-checkin__address">{visit.space.address}</View>
                <Gauge
                  occupancy={visit.space.occupancy}
                  capacity={visit.space.capacity}
                  openNow={visit.space.openNow}
                  opensAt={visit.space.opensAt}
                  closesAt={visit.space.closesAt}
                  large
                />
              </View>
              <StatusCard
                visit={visit}
                // A failed try again keeps the space on screen, with what went wrong.
                problem={page.error ?? visit.refused}
                busy={busy}
                onCheckOut={() => void checkOut(visit.space)}
                onTryAgain={token ? () => void tryAgain() : undefined}
              />
            </>
          )}
        </PageContent>
      )}
    </View>
  );
}
