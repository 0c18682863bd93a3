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
    return this.status === 0 || this.status === 429 || this.status >= 500;
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
