// 消息: every kind of notice opens a page that is registered in app.config.ts and exists (the link a tap follows),
// and the badge reads 99+ past 99. The notices' ids are deterministic: the same transition builds the same id.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { notices } from '../../functions/lib/inboxNotices';
import { INBOX_PAGE, badgeText, noticeUrl } from '../../miniapp/src/features/inbox/links';
import { NOTICE_KINDS, type Notice } from '../../shared/api/inbox';

declare global {
  function defineAppConfig<T>(config: T): T;
}

const SRC = path.join(__dirname, '..', '..', 'miniapp', 'src');

async function registeredPages(): Promise<Set<string>> {
  globalThis.defineAppConfig = <T>(config: T): T => config;
  const config = (
    (await import('../../miniapp/src/app.config')) as unknown as {
      default: { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    }
  ).default;
  return new Set([
    ...config.pages.map((p) => `/${p}`),
    ...(config.subPackages ?? []).flatMap((pkg) => pkg.pages.map((p) => `/${pkg.root}/${p}`)),
  ]);
}

const u = 'u1';
const BUILT = [
  notices.eventPromoted({ userId: u, eventId: 'e1', activation: 'a1', title: '党课' }),
  notices.eventCancelled({ userId: u, eventId: 'e1', title: '党课', waiting: true }),
  notices.merchantDecided({ userId: u, id: 'm1', name: '小店', status: 'approved', reason: null }),
  notices.merchantDecided({ userId: u, id: 'm1', name: '小店', status: 'rejected', reason: '不在商圈内' }),
  notices.messageRejected({ userId: u, messageId: 'g1', hidden: false, reason: '广告', decidedAt: 't' }),
  notices.messageRejected({ userId: u, messageId: 'g1', hidden: true, reason: '广告', decidedAt: 't' }),
  notices.serviceRequestMoved({
    userId: u,
    requestId: 'r1',
    itemName: '政策咨询',
    status: 'done',
    statusLabel: '已办结',
  }),
  notices.bookingDecided({ userId: u, bookingId: 'b1', venueName: '会议室', status: 'approved' }),
  notices.bookingDecided({
    userId: u,
    bookingId: 'b1',
    venueName: '会议室',
    status: 'declined',
    reason: '检修',
  }),
];

describe('消息 links and ids', () => {
  it('builds every kind, each opening a registered page whose source exists', async () => {
    expect([...new Set(BUILT.map((n) => n.kind))].sort()).toEqual([...NOTICE_KINDS].sort());
    const pages = await registeredPages();
    expect(pages.has(INBOX_PAGE)).toBe(true);
    for (const n of BUILT) {
      const page = noticeUrl(n as Pick<Notice, 'kind' | 'link'>).split('?')[0];
      expect({ kind: n.kind, page, registered: pages.has(page) }).toEqual({
        kind: n.kind,
        page,
        registered: true,
      });
      expect(existsSync(path.join(SRC, `${page.slice(1)}.tsx`))).toBe(true);
    }
    expect(noticeUrl(BUILT[0] as Pick<Notice, 'kind' | 'link'>)).toBe(
      '/packages/events/pages/detail/index?id=e1',
    );
  });

  it('gives one id per transition: the same inputs the same id, another transition another', () => {
    const again = notices.eventPromoted({
      userId: u,
      eventId: 'e1',
      activation: 'a1',
      title: '改名后的党课',
    });
    expect(again.id).toBe(BUILT[0].id);
    expect(new Set(BUILT.map((n) => n.id)).size).toBe(BUILT.length);
    expect(BUILT.every((n) => n.id.startsWith(`inbox.`))).toBe(true);
  });

  it('writes the badge as the count, 99+ past 99', () => {
    expect([badgeText(1), badgeText(99), badgeText(100)]).toEqual(['1', '99', '99+']);
  });
});
