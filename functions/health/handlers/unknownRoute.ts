// API Gateway's `$default` route: every request no other route matches (unknown path, or a method the path does not
// have) gets the contract's 404 body with a request id, instead of the gateway's own `{"message":"Not Found"}`.
// No store call and no token check, so probing unknown paths costs nothing but this reply.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotFoundError } from '../../lib/errors';
import { errorReply } from '../../lib/http';
import { toResult } from '../../lib/http/reply';

export const UNKNOWN_ROUTE_MESSAGE = '接口不存在';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const requestId = event.requestContext?.requestId || randomUUID();
  return toResult(errorReply(new NotFoundError(UNKNOWN_ROUTE_MESSAGE), requestId), requestId);
};
