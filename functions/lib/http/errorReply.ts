// The single error mapper: every error body of the contract comes from here.
import { AppError, UnavailableError, isRetryableStoreError } from '../errors';
import { logger, serializeError } from '../logger';
import type { Reply } from './reply';

export function errorReply(err: unknown, requestId: string): Reply {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (isRetryableStoreError(err)) appError = new UnavailableError(err);
  else {
    logger.error('unhandled error', { error: serializeError(err) });
    appError = new AppError(500, 'INTERNAL_ERROR', '服务器内部错误', {}, { cause: err });
  }
  if (appError.status >= 500 && appError.status !== 500)
    logger.warn('request failed', { error: serializeError(err) });
  const body = {
    error: {
      code: appError.code,
      message: appError.message,
      requestId,
      ...(appError.extra.fields ? { fields: appError.extra.fields } : {}),
    },
  };
  return { status: appError.status, body, headers: appError.extra.headers };
}
