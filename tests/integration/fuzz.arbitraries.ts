// Arbitraries of the fuzz suite (fuzz.test.ts): requests derived from docs/openapi.json — whose parameter and body
// schemas are zod 4's JSON Schema output of the shared schemas (shared/api/*.ts) — and hostile ones built from them.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Record<string, any>;

export interface Operation {
  method: string;
  /** As the document spells it, e.g. /v1/events/{id}. */
  path: string;
  access: 'public' | 'user' | 'merchant' | 'staff' | 'admin';
  pathParams: string[];
  query: Record<string, Schema>;
  body: Schema | undefined;
}

export interface FuzzRequest {
  kind: string;
  /** The operation aimed at, `METHOD /path/{template}`. */
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The request cannot be accepted (a status below 400 is a failure). */
  mustRefuse: boolean;
}

/** Text that is valid UTF-8 but hard: invisible, direction-changing, control, combining, astral, non-characters. */
const EDGE_TEXT = [
  '\u200b\u200c\u200d',
  '\u202e\u2066abc\u2069',
  'a\u0000b',
  'line\r\nbreak',
  '\t',
  'e\u0301\u0301\u0301',
  '\ufeff',
  '👍🏽👨‍👩‍👧',
  '\u{10ffff}\ufffe',
  'مرحبا',
  '红色商圈',
  ' ',
  '',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  '${7*7}{{7*7}}',
];

const edgeText = fc.oneof(
  fc.constantFrom(...EDGE_TEXT),
  fc.array(fc.constantFrom(...EDGE_TEXT), { maxLength: 4 }).map((parts) => parts.join('')),
);

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 300));
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2035-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (schema.format === 'date')
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2035-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.pattern) {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(schema.pattern);
    } catch {
      pattern = null;
    }
    if (pattern)
      return fc.oneof(
        { weight: 4, arbitrary: fc.stringMatching(pattern) },
        { weight: 1, arbitrary: edgeText },
      );
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 2, arbitrary: fc.fullUnicodeString({ minLength, maxLength }) },
    { weight: 1, arbitrary: edgeText },
  );
}

/**
 * Built once per schema and depth: building an arbitrary is far dearer than drawing from it (`fc.stringMatching`
 * parses its pattern; it was the fuzz run's largest cost when rebuilt for every request).
 */
const built = new WeakMap<Schema, Map<number, fc.Arbitrary<unknown>>>();

/** A value the schema (JSON Schema 2020-12 as zod writes it) mostly accepts; edge cases included on purpose. */
export function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  const byDepth = built.get(schema) ?? new Map<number, fc.Arbitrary<unknown>>();
  built.set(schema, byDepth);
  const known = byDepth.get(depth);
  if (known) return known;
  const arbitrary = buildValueOf(schema, depth);
  byDepth.set(depth, arbitrary);
  return arbitrary;
}

function buildValueOf(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => valueOf(s, depth + 1)));
  if (Array.isArray(schema.allOf)) return valueOf(Object.assign({}, ...schema.allOf), depth + 1);
  const types = [schema.type].flat() as (string | undefined)[];
  const ofType = types.map((t) => valueOfType(schema, t, depth));
  return ofType.length === 1 ? ofType[0] : fc.oneof(...ofType);
}

function valueOfType(schema: Schema, t: string | undefined, depth: number): fc.Arbitrary<unknown> {
  switch (t) {
    case 'string':
      return stringOf(schema);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1;
      const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_001) - 1;
      return fc.integer({
        min: Math.max(min, -Number.MAX_SAFE_INTEGER),
        max: Math.min(max, Number.MAX_SAFE_INTEGER),
      });
    }
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueOf(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 8)),
      });
    case 'object':
      return objectOf(schema, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of Object.entries(properties)) model[name] = valueOf(s, depth + 1);
  return fc.record(model, { requiredKeys: (schema.required ?? []) as string[] }) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

/** A JSON value whose type the schema does not allow (when the schema names its types). */
export function wrongTypeOf(schema: Schema): fc.Arbitrary<unknown> | null {
  const allowed = new Set<string>([schema.type].flat().filter(Boolean));
  if (allowed.size === 0 || schema.anyOf || schema.oneOf || 'const' in schema || schema.enum) return null;
  if (allowed.has('number')) allowed.add('integer');
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 8 }),
    integer: fc.constantFrom(0, -1, 7, 2 ** 53, -(2 ** 63)),
    number: fc.constantFrom(1.5, 1e308, -0.0001),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.integer(), { maxLength: 3 }),
    object: fc.constant({ nested: { deeper: [1, 'x'] } }),
  };
  const wrong = Object.entries(byType)
    .filter(([t]) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')))
    .map(([, a]) => a);
  return wrong.length ? fc.oneof(...wrong) : null;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function signed(payload: unknown, secret: string, header: unknown = { alg: 'HS256' }): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Tokens that must never authenticate: forged, unsigned, expired, without `exp`, malformed, huge. */
export function forgedTokens(secret: string, userId: string): string[] {
  const now = Math.floor(Date.now() / 1000);
  return [
    signed({ sub: userId, iss: 'red-circle', iat: now }, secret), // no exp
    signed({ sub: userId, iss: 'red-circle', iat: now - 10, exp: now - 1 }, secret), // expired
    signed({ sub: userId, iss: 'red-circle', iat: now, exp: now + 3600 }, 'not-the-secret'),
    signed({ sub: userId, iss: 'red-circle', iat: now, exp: now + 3600 }, secret, { alg: 'none' }),
    signed({ sub: userId, iss: 'red-circle', iat: now, exp: now + 3600 }, secret, {
      alg: 'HS256',
      crit: ['x'],
    }),
    `${b64({ alg: 'none' })}.${b64({ sub: userId, iss: 'red-circle', exp: now + 3600 })}.`,
    signed({ sub: '', iss: 'red-circle', exp: now + 3600 }, secret),
    signed({ sub: 'no-such-user', iss: 'red-circle', exp: now + 3600 }, secret),
    signed({ sub: userId, iss: 'someone-else', exp: now + 3600 }, secret),
    'a.b.c',
    'not a token',
    'x'.repeat(8000),
    '..',
  ];
}

export const BAD_IDS = [
  '',
  '0',
  '-1',
  'x'.repeat(1000),
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%E0%A4%A',
  '%',
  '%FF%FE',
  "1'%20OR%20'1'%3D'1",
  '%F0%9F%91%8D',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'null',
  'undefined',
  '%7B%22a%22%3A1%7D',
  'A'.repeat(26),
];
export const BAD_QUERIES = [
  'limit=0x10',
  'limit=1e2',
  'limit=%20%205',
  'limit=-1',
  'limit=99999999999999999999',
  'limit=1.5',
  'cursor=garbage',
  `cursor=${Buffer.from('{"pk":"USER#x","sk":"PROFILE"}').toString('base64url')}`,
  'cursor=eyJwayI6IngifQ.c2lnbmF0dXJl',
  `cursor=${'A'.repeat(4000)}`,
  'from=9999-12-31&to=10000-01-01',
  'date=2026-02-30',
  'kind=%00',
  'status[]=a&status[]=b',
  'limit=1&limit=2',
  '%=%',
];
export const BAD_KEYS = ['x'.repeat(65), '', '\u4e2d'.repeat(70), 'a\tb'.repeat(40)];
export const UTF8_ERRORS = [
  [0xff, 0xfe],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
];
