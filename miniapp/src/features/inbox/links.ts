// Where a notice of 消息 leads: the page of the thing it is about (used by the 消息 page).
import type { Notice } from '@shared/api/inbox';

export const INBOX_PAGE = '/packages/inbox/pages/index/index';

export function noticeUrl(notice: Pick<Notice, 'kind' | 'link'>): string {
  switch (notice.link.to) {
    case 'event':
      return `/packages/events/pages/detail/index?id=${encodeURIComponent(notice.link.id ?? '')}`;
    case 'merchant':
      return notice.kind === 'merchant_approved'
        ? '/packages/merchant/pages/shop/index'
        : '/packages/merchant/pages/apply/index';
    case 'wall':
      return '/packages/wall/pages/mine/index';
    case 'service_requests':
      return '/packages/services/pages/mine/index';
    case 'bookings':
      return '/packages/venues/pages/mine/index';
  }
}

/** The badge's text: the count, or 99+ past 99. */
export const badgeText = (unread: number) => (unread > 99 ? '99+' : String(unread));
