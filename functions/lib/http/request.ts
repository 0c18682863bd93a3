// Reading the request: headers, the body within its size limit, JSON, query values, and schema validation.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/v4/core';
import { BadRequestError, PayloadTooLargeError, ValidationError } from '../errors';
import { hasLoneSurrogate } from '../../../shared/text';
import { parseOrThrow } from '../validation';

export const MAX_BODY_BYTES = 64 * 1024;

export function lowerCaseHeaders(
  headers: APIGatewayProxyEventV2['headers'] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, refused with 413 past MAX_BODY_BYTES before anything else reads it, and with 400 when its bytes
 * are not UTF-8 (API Gateway hands such a body over base64-encoded) or it holds a lone UTF-16 surrogate.
 */
export function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  let raw = event.body;
  if (event.isBase64Encoded) {
    const bytes = Buffer.from(event.body, 'base64');
    if (bytes.length > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    try {
      raw = utf8.decode(bytes);
    } catch {
      throw new BadRequestError('请求体不是有效的 UTF-8 文本');
    }
  }
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLargeError();
  if (hasLoneSurrogate(raw)) throw new BadRequestError('请求体含有无效的字符');
  return raw;
}

/**
 * JSON escapes (`"\ud800"`) can spell a lone surrogate that the raw text did not hold. Walked with a list rather than
 * by recursion: a 64 KiB body can nest ~30,000 levels deep, past the call stack (that was a 500).
 */
function holdsLoneSurrogate(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return true;
    } else if (Array.isArray(value)) pending.push(...value);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (hasLoneSurrogate(k)) return true;
        pending.push(v);
      }
  }
  return false;
}

/**
 * The path of a number DynamoDB cannot hold (magnitude below 1e-130 or above 9.99e125, e.g. a latitude of 2.67e-322
 * that a range check accepts and the store then refuses with a 500), or null.
 */
function unstorableNumber(root: unknown): string | null {
  const pending: [unknown, string][] = [[root, '']];
  while (pending.length) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'number') {
      const size = Math.abs(value);
      if (size !== 0 && (size < 1e-130 || size > 9.99e125)) return path || 'body';
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) pending.push([v, path ? `${path}.${k}` : k]);
  }
  return null;
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadRequestError('请求体不是有效的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BadRequestError('请求体必须是 JSON 对象');
  }
  if (holdsLoneSurrogate(parsed)) throw new BadRequestError('请求体含有无效的字符');
  const unstorable = unstorableNumber(parsed);
  if (unstorable) throw new ValidationError({ [unstorable]: '数值超出可保存的范围' });
  return parsed;
}

/** `?kind=` means "no filter", as API.md writes it: empty query values are dropped. */
function presentParams(params: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export interface InputSchemas {
  body?: z.$ZodType;
  query?: z.$ZodType;
  params?: z.$ZodType;
}

/** Body, query and path parameters, each checked against its schema (422 with fields on the first failure). */
export function parseInput(event: APIGatewayProxyEventV2, raw: string, schemas: InputSchemas) {
  return {
    body: schemas.body ? parseOrThrow(schemas.body, parseJsonBody(raw)) : undefined,
    query: schemas.query
      ? parseOrThrow(schemas.query, presentParams(event.queryStringParameters))
      : undefined,
    params: schemas.params ? parseOrThrow(schemas.params, event.pathParameters ?? {}) : undefined,
  };
}
