// The two request streams of the fuzz suite: well-formed requests derived from the schemas (they may succeed and
// write), and hostile ones (wrong types, missing/extra fields, huge and deep values, invalid UTF-8, wrong content
// types, bad ids/cursors/tokens/keys, unknown routes) that must write nothing.
import fc from 'fast-check';
import {
  BAD_IDS,
  BAD_KEYS,
  BAD_QUERIES,
  UTF8_ERRORS,
  valueOf,
  wrongTypeOf,
  type FuzzRequest,
  type Operation,
  type Schema,
} from './fuzz.arbitraries';

export interface Fixtures {
  /** Valid session tokens by role (`anonymous` has none). */
  tokens: Record<'member' | 'merchant' | 'staff' | 'admin', string>;
  /** Ids of things that exist (spaces, events, offers, messages, venues, …), read from the lists. */
  ids: string[];
  /** The member's user id, for forged tokens naming a real user. */
  memberId: string;
}

const RANK = { public: 0, user: 1, merchant: 2, staff: 3, admin: 4 } as const;

function fillPath(op: Operation, values: string[]): string {
  let i = 0;
  return op.path.replace(/\{\w+\}/g, () => values[i++] ?? 'x');
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function tokenFor(fx: Fixtures, role: string): Record<string, string> {
  const token = fx.tokens[role as keyof Fixtures['tokens']];
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A caller at or above the route's access, so the request reaches the handler's own rules. */
function allowedRole(op: Operation): fc.Arbitrary<string> {
  const roles = ['member', 'merchant', 'staff', 'admin'].filter(
    (_, i) => i + 1 >= Math.max(RANK[op.access], 1) || (op.access === 'staff' && i === 3),
  );
  return op.access === 'public' ? fc.constantFrom('anonymous', ...roles) : fc.constantFrom(...roles);
}

/** `build(op)` once per operation: arbitraries are dear to build and cheap to draw from. */
function perOperation<T>(build: (op: Operation) => fc.Arbitrary<T>): (op: Operation) => fc.Arbitrary<T> {
  const cache = new Map<Operation, fc.Arbitrary<T>>();
  return (op) => {
    const known = cache.get(op);
    if (known) return known;
    const made = build(op);
    cache.set(op, made);
    return made;
  };
}

const pathValuesOf = new WeakMap<Fixtures, (op: Operation) => fc.Arbitrary<string[]>>();
const pathValues = (op: Operation, fx: Fixtures) => {
  const of = pathValuesOf.get(fx) ?? perOperation((o) => buildPathValues(o, fx));
  pathValuesOf.set(fx, of);
  return of(op);
};

const buildPathValues = (op: Operation, fx: Fixtures) =>
  fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...fx.ids) },
      fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
    ),
    {
      minLength: op.pathParams.length,
      maxLength: op.pathParams.length,
    },
  );

const queryValues = (op: Operation) =>
  fc.record(Object.fromEntries(Object.entries(op.query).map(([k, s]) => [k, valueOf(s)])), {
    requiredKeys: [],
  });

/** A well-formed request (by the schemas) from a caller allowed on the route. */
export function validRequest(ops: Operation[], fx: Fixtures): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ops).chain(perOperation((op) => validFor(op, fx)));
}

function validFor(op: Operation, fx: Fixtures): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      role: allowedRole(op),
      path: pathValues(op, fx),
      query: queryValues(op),
      body: op.body ? valueOf(op.body) : fc.constant(undefined),
      key: fc.option(fc.uuid(), { freq: 3 }),
    })
    .map(({ role, path, query, body, key }) => ({
      kind: 'schema',
      operation: `${op.method} ${op.path}`,
      method: op.method,
      url: fillPath(op, path) + queryString(query),
      headers: {
        ...tokenFor(fx, role),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key && op.method === 'POST' ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      mustRefuse: false,
    }));
}

const brokenBodies = new WeakMap<Schema, fc.Arbitrary<unknown> | null>();
/** A body the route's schema must refuse: a required field missing or of the wrong type, or a field too many. */
function brokenBody(schema: Schema): fc.Arbitrary<unknown> | null {
  if (!brokenBodies.has(schema)) brokenBodies.set(schema, buildBrokenBody(schema));
  return brokenBodies.get(schema)!;
}

function buildBrokenBody(schema: Schema): fc.Arbitrary<unknown> | null {
  const required = (schema.required ?? []) as string[];
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const options: fc.Arbitrary<unknown>[] = [];
  const base = valueOf(schema) as fc.Arbitrary<Record<string, unknown>>;
  if (required.length)
    options.push(
      fc
        .tuple(
          base,
          fc.constantFrom(...required),
          fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        )
        .map(([b, drop, extra]) => {
          const out: Record<string, unknown> = { ...extra, ...b };
          delete out[drop];
          return out;
        }),
    );
  for (const name of required) {
    const wrong = wrongTypeOf(props[name] ?? {});
    if (wrong) options.push(fc.tuple(base, wrong).map(([b, w]) => ({ ...b, [name]: w })));
  }
  if (schema.additionalProperties === false)
    options.push(base.map((b) => ({ ...b, ['unexpected\u200b']: { a: 1 } })));
  return options.length ? fc.oneof(...options) : null;
}

const deepJson = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** A request that must change nothing in the store. */
export function hostileRequest(ops: Operation[], fx: Fixtures, forged: string[]): fc.Arbitrary<FuzzRequest> {
  const routed = ops.filter((op) => op.path !== '/{anyPath}' && op.path !== '/v1/health');
  const withBody = routed.filter((op) => op.body);
  const guarded = routed.filter((op) => op.access !== 'public');
  const withParams = routed.filter((op) => op.pathParams.length);
  const gets = routed.filter((op) => op.method === 'GET');
  const posts = routed.filter((op) => op.method === 'POST' && op.access !== 'public');
  const anyRole = fc.constantFrom('anonymous', 'member', 'merchant', 'staff', 'admin');
  const base = (
    op: Operation,
    role: string,
    path: string[],
    kind: string,
    mustRefuse: boolean,
  ): FuzzRequest => ({
    kind,
    operation: `${op.method} ${op.path}`,
    method: op.method,
    url: fillPath(op, path),
    headers: tokenFor(fx, role),
    mustRefuse,
  });
  const pick = (list: Operation[]) => fc.constantFrom(...list);
  const json = (r: FuzzRequest, body: string, type = 'application/json'): FuzzRequest => ({
    ...r,
    headers: { ...r.headers, 'content-type': type },
    body,
  });

  const bodyKinds = pick(withBody).chain((op) =>
    fc.tuple(allowedRole(op), pathValues(op, fx)).chain(([role, path]) => {
      const r = base(op, role, path, '', true);
      const broken = brokenBody(op.body!);
      return fc.oneof(
        ...(broken ? [broken.map((b) => json({ ...r, kind: 'body:broken' }, JSON.stringify(b)))] : []),
        fc
          .constantFrom('{"a":', '[]', '"text"', '123', 'null', '{"a":1}{', '{,}', "{'a':1}")
          .map((b) => json({ ...r, kind: 'body:notJsonObject' }, b)),
        fc.integer({ min: 2_000, max: 20_000 }).map((d) => json({ ...r, kind: 'body:deep' }, deepJson(d))),
        fc
          .integer({ min: 64 * 1024 + 1, max: 200_000 })
          .map((n) => json({ ...r, kind: 'body:tooLarge' }, `{"text":"${'字'.repeat(n / 3 + 1)}"}`)),
        fc
          .constantFrom('\\ud800', '\\udfff', '\\ud83d x')
          .map((s) => json({ ...r, kind: 'body:loneSurrogate' }, `{"text":"${s}","name":"${s}"}`)),
        fc
          .constantFrom(
            'a=1&b=2',
            '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
            '<a>1</a>',
          )
          .chain((b) =>
            fc
              .constantFrom(
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'text/xml',
              )
              .map((t) => json({ ...r, kind: 'body:contentType' }, b, t)),
          ),
      );
    }),
  );
  const bytes = pick(routed).chain((op) =>
    fc.tuple(anyRole, pathValues(op, fx), fc.constantFrom(...UTF8_ERRORS)).map(([role, path, bad]) => ({
      ...base(op, role, path, 'bytes:invalidUtf8', true),
      headers: { ...tokenFor(fx, role), 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"text":"'), Buffer.from(bad), Buffer.from('"}')]),
    })),
  );
  const tokens = pick(guarded).chain((op) =>
    fc
      .tuple(
        pathValues(op, fx),
        fc.constantFrom(...forged),
        fc.constantFrom('Bearer ', 'bearer ', 'Basic ', '', 'Bearer  '),
      )
      .map(([path, token, scheme]) => ({
        ...base(op, 'anonymous', path, 'auth:badToken', true),
        headers: { authorization: `${scheme}${token}` },
      })),
  );
  const ids = pick(withParams).chain((op) =>
    fc
      .tuple(
        allowedRole(op),
        fc.array(fc.constantFrom(...BAD_IDS), {
          minLength: op.pathParams.length,
          maxLength: op.pathParams.length,
        }),
      )
      .map(([role, path]) => base(op, role, path, 'path:badId', false)),
  );
  const queries = pick(gets).chain((op) =>
    fc.tuple(allowedRole(op), pathValues(op, fx), fc.constantFrom(...BAD_QUERIES)).map(([role, path, q]) => {
      const r = base(op, role, path, 'query:bad', false);
      return { ...r, url: `${r.url}?${q}` };
    }),
  );
  const keys = pick(posts.filter((op) => op.body)).chain((op) =>
    fc
      .tuple(allowedRole(op), pathValues(op, fx), valueOf(op.body), fc.constantFrom(...BAD_KEYS))
      .map(([role, path, body, key]) => ({
        ...json(base(op, role, path, 'header:badIdempotencyKey', true), JSON.stringify(body)),
        headers: { ...tokenFor(fx, role), 'content-type': 'application/json', 'idempotency-key': key },
      })),
  );
  const unknown = fc
    .tuple(
      anyRole,
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'TRACE', 'OPTIONS'),
      fc.webPath(),
      fc.constantFrom('/v1', '/v2', '', '/v1/events/x/y/z'),
    )
    .map(([role, method, path, prefix]) => ({
      kind: 'route:unknown',
      operation: 'GET /{anyPath}',
      method,
      url: `${prefix}/zz${path}`,
      headers: tokenFor(fx, role),
      mustRefuse: true,
    }));
  return fc.oneof(
    { weight: 6, arbitrary: bodyKinds },
    { weight: 2, arbitrary: bytes },
    { weight: 2, arbitrary: tokens },
    { weight: 2, arbitrary: ids },
    { weight: 2, arbitrary: queries },
    { weight: 1, arbitrary: keys },
    { weight: 1, arbitrary: unknown },
  );
}
