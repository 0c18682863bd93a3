// What a handler returns, and how it becomes API Gateway's result.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface Reply {
  status: number;
  body?: unknown;
  /** A non-JSON body (e.g. CSV), sent as is. */
  text?: string;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
export const text = (
  status: number,
  content: string,
  contentType: string,
  headers: Record<string, string> = {},
): Reply => ({
  status,
  text: content,
  headers: { 'Content-Type': contentType, ...headers },
});

export function toResult(reply: Reply, requestId: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    'X-Request-Id': requestId,
    'Cache-Control': 'no-store',
    ...reply.headers,
  };
  if (reply.text !== undefined) return { statusCode: reply.status, headers, body: reply.text };
  if (reply.body === undefined) return { statusCode: reply.status, headers };
  return {
    statusCode: reply.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(reply.body),
  };
}
