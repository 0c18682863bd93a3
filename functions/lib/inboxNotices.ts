// The notices of 消息, one builder per kind (lib/inbox.ts writes them): the Chinese copy in one place, and the
// deterministic id of each — inbox.<kind>.<subject>.<transition> — from what the transition is about, so its retry,
// its finisher or a repeated request builds the same id. Plain parameters: the ground floor knows no feature's types.
import type { NewNotice } from './inbox';

const quoted = (name: string) => `「${name}」`;

export const notices = {
  /** A waiting signup got a seat. One per signup activation (a re-sign-up after a cancel is a new one). */
  eventPromoted(p: { userId: string; eventId: string; activation: string; title: string }): NewNotice {
    return {
      id: `inbox.event_promoted.${p.activation}.confirmed`,
      userId: p.userId,
      kind: 'event_promoted',
      title: '候补转正',
      body: `您候补的${quoted(p.title)}已转为正式报名，请按时参加。`,
      link: { to: 'event', id: p.eventId },
    };
  },

  /** Staff cancelled an event the user was signed up to (confirmed or waiting). One per event and user. */
  eventCancelled(p: { userId: string; eventId: string; title: string; waiting: boolean }): NewNotice {
    return {
      id: `inbox.event_cancelled.${p.eventId}.cancelled`,
      userId: p.userId,
      kind: 'event_cancelled',
      title: '活动已取消',
      body: `您${p.waiting ? '候补' : '报名'}的${quoted(p.title)}已被主办方取消，给您带来不便，敬请谅解。`,
      link: { to: 'event', id: p.eventId },
    };
  },

  /** Staff decided a merchant application. One per application (its attempt) and decision. */
  merchantDecided(p: {
    userId: string;
    /** The application, and its attempt when it has one (a re-application is a new attempt). */
    id: string;
    attempt?: string;
    name: string;
    /** approved or rejected (what the decision made it). */
    status: string;
    reason: string | null;
  }): NewNotice {
    const approved = p.status === 'approved';
    return {
      id: `inbox.merchant.${p.attempt ?? p.id}.${p.status}`,
      userId: p.userId,
      kind: approved ? 'merchant_approved' : 'merchant_rejected',
      title: approved ? '商户申请已通过' : '商户申请未通过',
      body: approved
        ? `${quoted(p.name)}已入驻红色商圈联盟，现在可以发布优惠了。`
        : `${quoted(p.name)}的入驻申请未通过${p.reason ? `：${p.reason}` : '。'}`,
      link: { to: 'merchant' },
    };
  },

  /** Staff rejected (or hid) a message of the wall. One per moderation (its time). */
  messageRejected(p: {
    userId: string;
    messageId: string;
    hidden: boolean;
    reason: string;
    decidedAt: string;
  }): NewNotice {
    return {
      id: `inbox.message.${p.messageId}.${p.hidden ? 'hidden' : 'rejected'}.${p.decidedAt}`,
      userId: p.userId,
      kind: p.hidden ? 'message_hidden' : 'message_rejected',
      title: p.hidden ? '留言已被隐藏' : '留言未通过审核',
      body: `您在寄语墙的留言${p.hidden ? '已被隐藏' : '未通过审核'}，原因：${p.reason}`,
      link: { to: 'wall' },
    };
  },

  /** Staff moved a service request (受理, 办结, 不予受理). One per request and status (each is reached once). */
  serviceRequestMoved(p: {
    userId: string;
    requestId: string;
    itemName: string;
    status: string;
    statusLabel: string;
    note?: string;
  }): NewNotice {
    return {
      id: `inbox.service_request.${p.requestId}.${p.status}`,
      userId: p.userId,
      kind: 'service_request_moved',
      title: `服务申请${p.statusLabel}`,
      body: `您申请的${quoted(p.itemName)}${p.statusLabel}${p.note ? `：${p.note}` : '。'}`,
      link: { to: 'service_requests' },
    };
  },

  /** Staff approved or declined a venue booking. One per booking and decision. */
  bookingDecided(p: {
    userId: string;
    bookingId: string;
    venueName: string;
    /** approved or declined. */
    status: string;
    reason?: string | null;
  }): NewNotice {
    const approved = p.status === 'approved';
    return {
      id: `inbox.booking.${p.bookingId}.${p.status}`,
      userId: p.userId,
      kind: approved ? 'booking_approved' : 'booking_declined',
      title: approved ? '场地预约已通过' : '场地预约未通过',
      body: approved
        ? `您预约的${quoted(p.venueName)}已通过审核，请按时到场。`
        : `您预约的${quoted(p.venueName)}未通过审核${p.reason ? `：${p.reason}` : '。'}`,
      link: { to: 'bookings' },
    };
  },
};
