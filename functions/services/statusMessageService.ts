// The requester's message when staff move a service request (accepted, done, declined with the note), through the
// shared outbox (functions/lib/notify) on the queue OUTBOX#services, sent by the scheduled sendServiceMessages.
// Order (requestService.moveOnce): 1 the move (conditional on the status read)  2 the message queued, its id from
// (request, new status) — a request reaches each status at most once, so each transition has one id, and the put
// is conditional: queued once however often it is tried
//   └ crash between 1 and 2 → the move's retry is refused (409, the status moved on) and queues the message of the
//     status the request is in (same id), so a retried transition ends with exactly one message.
// When sent, the request is re-read (ConsistentRead): the message names the move as it is in the history.
import type { RequestStatus } from '../../shared/api/services';
import { REQUEST_STATUS_LABELS } from '../../shared/api/services';
import { optionalEnv } from '../lib/config';
import { notify } from '../lib/inbox';
import { notices } from '../lib/inboxNotices';
import { districtDateTime, phrase, thing } from '../lib/notify/fields';
import type { WechatMessenger } from '../lib/notify/messenger';
import { outbox, type OutboxItem } from '../lib/notify/outbox';
import {
  recipientOpenid,
  sendDue,
  sendDueLogged,
  type Composed,
  type SendOptions,
  type SendReport,
} from '../lib/notify/sender';
import type { ServiceRequestRecord } from './model';
import { requestStore } from './requestStore';

export const SERVICES_OUTBOX = 'OUTBOX#services';
const KIND = 'service_request_status';
/** The moves the requester hears about (a withdrawal is the requester's own). */
const ANNOUNCED: readonly RequestStatus[] = ['accepted', 'done', 'declined'];

export const statusMessageIdOf = (requestId: string, status: RequestStatus) =>
  `${KIND}.${requestId}.${status}`;

const templateId = () => optionalEnv('WECHAT_TEMPLATE_SERVICE_STATUS', 'local-service-status');

const DEFAULT_NOTES: Partial<Record<RequestStatus, string>> = {
  accepted: '您的申请已受理，我们会尽快办理',
  done: '您的申请已办结',
  declined: '您的申请未受理',
};

/** Queues the message of the request's move to `status` (once per request and status). */
async function queue(request: ServiceRequestRecord, status: RequestStatus) {
  if (!ANNOUNCED.includes(status)) return;
  const now = new Date().toISOString();
  await outbox.enqueue(SERVICES_OUTBOX, {
    id: statusMessageIdOf(request.id, status),
    kind: KIND,
    userId: request.userId,
    requestId: request.id,
    requestStatus: status,
    dueAt: now,
    createdAt: now,
  });
  // 消息: the same notice in the app, beside the subscribe message (same repair: the move's retry comes here again).
  await notify(inboxNoticeOf(request, status));
}

const inboxNoticeOf = (request: ServiceRequestRecord, status: RequestStatus) =>
  notices.serviceRequestMoved({
    userId: request.userId,
    requestId: request.id,
    itemName: request.itemName,
    status,
    statusLabel: REQUEST_STATUS_LABELS[status],
    note: request.history.find((h) => h.status === status)?.note,
  });

async function compose(item: OutboxItem): Promise<Composed> {
  const request = await requestStore.get(item.requestId as string);
  const move = request?.history.find((h) => h.status === item.requestStatus);
  if (!request || !move) return { skip: 'request or move not found' };
  const openid = await recipientOpenid(request.userId);
  if (!openid) return { skip: 'account closed' };
  return {
    message: {
      touser: openid,
      templateId: templateId(),
      page: 'packages/services/pages/mine/index',
      data: {
        thing1: { value: thing(request.itemName) },
        phrase2: { value: phrase(REQUEST_STATUS_LABELS[move.status]) },
        thing3: { value: thing(move.note || DEFAULT_NOTES[move.status] || '') },
        time4: { value: districtDateTime(move.at) },
      },
    },
  };
}

function run(messenger: WechatMessenger, options: SendOptions = {}): Promise<SendReport> {
  return sendDue(SERVICES_OUTBOX, compose, messenger, options);
}

/** The scheduled run (every minute, functions.yml). */
function runScheduled(messenger: WechatMessenger): Promise<SendReport> {
  return sendDueLogged('service request messages', SERVICES_OUTBOX, compose, messenger);
}

export const statusMessageService = { queue, run, runScheduled };
