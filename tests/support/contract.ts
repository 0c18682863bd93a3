// Reply validation (issue 17): every reply the integration suites get through `app.request` is checked against
// docs/openapi.json — the operation of its route (matched as the gateway matches it), the response documented for its
// status (exact, then `2XX`-style ranges; an undocumented status fails), the documented headers, the media type, and
// for JSON the response schema, compiled once per process with ajv (JSON Schema 2020-12, as OpenAPI 3.1 and zod 4
// write it). Success bodies are checked in depth (the reply schemas of shared/api/replies/*.ts: closed objects,
// formats, enums); error bodies by their code (the route's 409 codes, the contract's code for every other status).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { httpRoutes, ROOT } from '../../infra/local/serverlessConfig';

export interface ObservedReply {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

interface Operation {
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
}

interface MatchedRoute {
  method: string;
  /** The path as the document spells it (`/{anyPath}` for the `$default` route). */
  docPath: string;
  pattern: RegExp;
  params: number;
}

let state: { doc: Doc; routes: MatchedRoute[]; fallback: MatchedRoute | null; ajv: Ajv2020 } | null = null;
const compiled = new Map<string, ValidateFunction>();

function load() {
  if (state) return state;
  const doc = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'openapi.json'), 'utf8')) as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  const all = httpRoutes().map((r) => {
    const segments = r.path.split('/').map((s) => (/^\{\w+\+?\}$/.test(s) ? '([^/]+)' : escape(s)));
    return {
      method: r.method,
      docPath: r.path === '*' ? '/{anyPath}' : r.path,
      pattern: new RegExp(`^${segments.join('/')}$`),
      params: (r.path.match(/\{/g) ?? []).length,
    };
  });
  state = {
    doc,
    ajv,
    // Literal segments win over parameters, as in the gateway.
    routes: all.filter((r) => r.docPath !== '/{anyPath}').sort((a, b) => a.params - b.params),
    fallback: all.find((r) => r.docPath === '/{anyPath}') ?? null,
  };
  return state;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function routeOf(method: string, url: string): MatchedRoute | null {
  const { routes, fallback } = load();
  const pathname = new URL(url, 'http://local').pathname;
  const upper = method.toUpperCase();
  return (
    routes.find((r) => r.pattern.test(pathname) && (r.method === upper || r.method === 'ANY')) ?? fallback
  );
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Validators by schema object: a reply's lookup costs no serialisation of a (large) reply schema. */
const bySchema = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const known = bySchema.get(schema);
  if (known) return known;
  const { ajv, doc } = load();
  // Many responses share a schema (the error bodies): compile each distinct one once, with the document's components
  // beside it so its local references resolve.
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: doc.components });
    compiled.set(key, validate);
  }
  bySchema.set(schema, validate);
  return validate;
}

/** Why this reply is off the contract, or null when it conforms. */
export function contractViolation(reply: ObservedReply): string | null {
  const { doc } = load();
  const route = routeOf(reply.method, reply.url);
  if (!route) return 'no route of serverless.yml matches this request, and there is no $default route';
  const docMethod = route.docPath === '/{anyPath}' ? 'get' : route.method.toLowerCase();
  const operation = doc.paths[route.docPath]?.[docMethod];
  if (!operation) return `docs/openapi.json has no operation ${docMethod.toUpperCase()} ${route.docPath}`;
  const where = `${docMethod.toUpperCase()} ${route.docPath}`;
  const status = String(reply.status);
  const statusKey = [status, `${status[0]}XX`, 'default'].find((k) => k in operation.responses);
  if (!statusKey) return `status ${status} is not documented for ${where}`;
  if (!header(reply.headers, 'x-request-id') && route.docPath !== '/v1/health')
    return `reply without X-Request-Id (${where} ${status})`;
  const missing = Object.keys(operation.responses[statusKey].headers ?? {}).filter(
    (name) => !header(reply.headers, name.toLowerCase()),
  );
  if (missing.length) return `reply without the documented header ${missing.join(', ')} (${where} ${status})`;
  const content = operation.responses[statusKey].content;
  if (reply.text === '') {
    return content
      ? `empty body, but ${where} ${statusKey} documents ${Object.keys(content).join(', ')}`
      : null;
  }
  if (!content) return `a body, but ${where} ${statusKey} documents none`;
  const mediaType = (header(reply.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!(mediaType in content))
    return `content type "${mediaType}" is not documented for ${where} ${statusKey} (${Object.keys(content).join(', ')})`;
  const schema = content[mediaType].schema;
  if (mediaType !== 'application/json' || !schema) return null;
  const validate = validatorFor(schema as object);
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return `the body is not JSON although its content type says so (${where} ${status})`;
  }
  if (validate(body)) return null;
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
  return `the body does not match ${where} ${statusKey}: ${errors}`;
}

/** The violations seen in this process (a test file), for a check after all its tests. */
export const violations: string[] = [];

/** Throws (and records) when the reply is off the contract. */
export function assertOnContract(reply: ObservedReply): void {
  const why = contractViolation(reply);
  if (!why) return;
  const message =
    `Reply off the contract (docs/openapi.json): ${reply.method} ${reply.url} → ${reply.status}: ${why}\n` +
    `  body: ${reply.text.slice(0, 300)}`;
  violations.push(message);
  throw new Error(message);
}

// The document is read when a test file imports the harness; each response schema is compiled the first time a reply
// needs it (tens of milliseconds for a deep reply schema), so a file pays only for the routes it calls — compiling all
// of them up front cost every file ~5 s.
load();
