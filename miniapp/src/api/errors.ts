import type { ApiErrorBody } from '@shared/api/common';

/** Chinese text for failures that come without the contract's error body (network down, proxy pages, …). */
const STATUS_MESSAGES: Record<number, string> = {
  0: '网络连接失败，请检查网络后重试',
  400: '请求有误',
  401: '登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
  500: '服务器开小差了，请稍后重试',
  502: '服务暂时不可用，请稍后重试',
  503: '服务繁忙，请稍后重试',
  504: '服务响应超时，请稍后重试',
};

/** What the person can do about a failure: try again, go back, sign in, change what they typed, or nothing now. */
export type NextStep = 'retry' | 'back' | 'signIn' | 'fix' | 'wait';

export interface ErrorExplanation {
  /** Plain Chinese: what happened. */
  title: string;
  /** Plain Chinese: what to do next. */
  hint: string;
  next: NextStep;
}

/**
 * Every error code the API returns (API.md, docs/api/*.md), plus the client's own: what it means and what helps.
 * Codes are never shown to people; the request id is, small, as 错误编号 for support.
 */
export const ERROR_EXPLANATIONS: Record<string, ErrorExplanation> = {
  NETWORK_ERROR: { title: '网络连接失败', hint: '请检查网络后重试', next: 'retry' },
  CLIENT_ERROR: { title: '出错了', hint: '请稍后重试', next: 'retry' },
  BAD_REQUEST: { title: '请求有误', hint: '请返回后重新操作', next: 'back' },
  VALIDATION_FAILED: { title: '填写的内容有误', hint: '请按提示修改后再提交', next: 'fix' },
  UNAUTHENTICATED: { title: '登录已过期', hint: '请重新登录', next: 'signIn' },
  FORBIDDEN: { title: '没有权限', hint: '此操作需要相应的身份，如有疑问请联系工作人员', next: 'back' },
  NOT_FOUND: { title: '内容不存在', hint: '它可能已被删除，或链接有误', next: 'back' },
  PAYLOAD_TOO_LARGE: { title: '提交的内容过大', hint: '请精简后再提交', next: 'fix' },
  RATE_LIMITED: { title: '操作过于频繁', hint: '请稍等片刻再试', next: 'retry' },
  UNAVAILABLE: { title: '服务繁忙', hint: '请稍后重试', next: 'retry' },
  INTERNAL_ERROR: { title: '服务器开小差了', hint: '请稍后重试', next: 'retry' },
  REQUEST_IN_PROGRESS: { title: '相同的请求正在处理中', hint: '请稍候片刻再试', next: 'retry' },
  // Events
  EVENT_FULL: { title: '名额已满', hint: '可关注其他活动', next: 'back' },
  EVENT_CANCELLED: { title: '活动已取消', hint: '可关注其他活动', next: 'back' },
  SIGNUP_CLOSED: { title: '报名已截止', hint: '可关注其他活动', next: 'back' },
  ALREADY_SIGNED_UP: { title: '您已报名', hint: '可在「我的报名」中查看', next: 'back' },
  SIGNUP_NOT_CONFIRMED: { title: '该报名尚未确认', hint: '候补或已取消的报名不能签到', next: 'wait' },
  INVALID_TICKET: { title: '电子票无效', hint: '请确认是本活动的电子票', next: 'wait' },
  CAPACITY_BELOW_SEATS_TAKEN: { title: '名额不能少于已报名人数', hint: '请调大名额', next: 'fix' },
  // Spaces
  INVALID_QR: { title: '二维码无效', hint: '请扫描空间门口的最新二维码', next: 'wait' },
  SPACE_FULL: { title: '空间已满', hint: '请稍后再扫码入场', next: 'wait' },
  SPACE_CLOSED: { title: '空间不在开放时间内', hint: '请在开放时间内前来', next: 'wait' },
  CAPACITY_BELOW_OCCUPANCY: { title: '容量不能少于在场人数', hint: '请调大容量', next: 'fix' },
  // Wall
  CONTENT_REJECTED: { title: '内容未通过检查', hint: '请修改后再发布', next: 'fix' },
  // Alliance
  ALREADY_APPLIED: { title: '您已提交过申请', hint: '请等待审核结果', next: 'back' },
  ALREADY_DECIDED: { title: '该申请已处理', hint: '请刷新列表查看结果', next: 'back' },
  OFFER_NOT_ACTIVE: { title: '优惠已下架', hint: '可看看其他优惠', next: 'back' },
  OFFER_EXPIRED: { title: '优惠已过期', hint: '可看看其他优惠', next: 'back' },
  OFFER_CHANGED: { title: '优惠刚被修改', hint: '请刷新后查看最新内容', next: 'back' },
  OFFER_HAS_CLAIMS: { title: '已有人领取', hint: '已领取的优惠不能再改这些内容', next: 'fix' },
  SOLD_OUT: { title: '已抢完', hint: '可看看其他优惠', next: 'back' },
  LIMIT_REACHED: { title: '已达领取上限', hint: '可在「我的券码」中查看已领的券', next: 'back' },
  LIMIT_ABOVE_QUANTITY: { title: '每人限领不能多于总量', hint: '请修改后再提交', next: 'fix' },
  QUANTITY_BELOW_CLAIMED: { title: '总量不能少于已领取数', hint: '请调大总量', next: 'fix' },
  ALREADY_REDEEMED: { title: '该券码已核销', hint: '不能重复使用', next: 'wait' },
};

/** The explanation of an error's code; by status for a code this build does not know. */
export function explain(error: ApiError): ErrorExplanation {
  const known = ERROR_EXPLANATIONS[error.code];
  if (known) return known;
  if (error.status === 0) return ERROR_EXPLANATIONS.NETWORK_ERROR;
  if (error.status === 429 || error.status >= 500)
    return { title: error.message, hint: '请稍后重试', next: 'retry' };
  if (error.status === 401) return ERROR_EXPLANATIONS.UNAUTHENTICATED;
  if (error.status === 404) return ERROR_EXPLANATIONS.NOT_FOUND;
  return { title: error.message, hint: '请返回上一页', next: 'back' };
}

/** Any failed API call. `message` is Chinese and fit to show to the user as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The contract's error code (`VALIDATION_FAILED`, `EVENT_FULL`, …), or `NETWORK_ERROR` / `HTTP_<status>`. */
    readonly code: string,
    message: string,
    readonly requestId: string = '',
    /** For 422 VALIDATION_FAILED: field → Chinese reason. */
    readonly fields: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Worth offering a retry (network trouble, 503, 429), as opposed to a refusal that will not change. */
  get retryable(): boolean {
    return explain(this).next === 'retry';
  }

  static network(cause: unknown): ApiError {
    return new ApiError(0, 'NETWORK_ERROR', STATUS_MESSAGES[0], '', {}, { cause });
  }

  /** Builds the error from a non-2xx reply, using the contract's body when there is one. */
  static fromResponse(status: number, body: unknown): ApiError {
    if (isErrorBody(body)) {
      const { code, message, requestId, fields } = body.error;
      return new ApiError(status, code, message || fallbackMessage(status), requestId ?? '', fields ?? {});
    }
    return new ApiError(status, `HTTP_${status}`, fallbackMessage(status));
  }
}

function fallbackMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? STATUS_MESSAGES[500] : '请求失败，请稍后重试');
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (!body || typeof body !== 'object') return false;
  const error = (body as { error?: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string';
}

/** Turns anything thrown into an ApiError, so UI code only ever deals with one shape. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(-1, 'CLIENT_ERROR', '出错了，请稍后重试', '', {}, { cause: err });
}
