// Reads serverless.yml the way the deployed stack sees it (functions, routes, schedules, the table), resolving the
// `${file(...)}` includes, so the local runtime and the tests serve exactly the routes that production serves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import yaml from 'js-yaml';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface HttpRoute {
  functionName: string;
  method: string;
  path: string;
  handler: string;
}

export interface ScheduledFunction {
  functionName: string;
  handler: string;
  rate: string;
  everyMs: number;
}

/** A function subscribed to the table's stream (`events: - stream: {type: dynamodb, …}`), as Lambda reads it. */
export interface StreamFunction {
  functionName: string;
  handler: string;
  batchSize: number;
  /** Lambda's batching window (`batchWindow`, seconds in serverless.yml): how long it gathers records for a batch. */
  batchWindowMs: number;
  maximumRetryAttempts: number;
  reportBatchItemFailures: boolean;
  /** Lambda event filter patterns, parsed: a record is delivered when it matches any of them (none: every record). */
  filterPatterns: Record<string, unknown>[];
}

export interface TableDefinition {
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  KeySchema: { AttributeName: string; KeyType: string }[];
  GlobalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: string }[];
    Projection: { ProjectionType: string };
  }[];
}

type Yaml = Record<string, unknown>;

function loadYaml(file: string): unknown {
  return yaml.load(readFileSync(path.resolve(ROOT, file), 'utf8'));
}

function resolveIncludes(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = /^\$\{file\(([^)]+)\)\}$/.exec(value.trim());
    return m ? resolveIncludes(loadYaml(m[1])) : value;
  }
  if (Array.isArray(value)) return value.map(resolveIncludes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIncludes(v)]));
  }
  return value;
}

export function loadServerlessConfig(): Yaml {
  return resolveIncludes(loadYaml('serverless.yml')) as Yaml;
}

function functionsOf(config: Yaml): Record<string, Yaml> {
  const fns = config.functions;
  const list = Array.isArray(fns) ? fns : [fns];
  return Object.assign({}, ...list) as Record<string, Yaml>;
}

/** Every function of the deployment by name, with its `handler` (e.g. `functions/events/handlers/signUp.handler`). */
export function functionsConfig(config = loadServerlessConfig()): Record<string, { handler: string }> {
  return functionsOf(config) as Record<string, { handler: string }>;
}

/** `rate(5 minutes)` → milliseconds. */
export function rateToMs(rate: string): number {
  const m = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(rate.trim());
  if (!m) throw new Error(`unsupported schedule ${rate}`);
  const unit = m[2].startsWith('minute') ? 60_000 : m[2].startsWith('hour') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * unit;
}

export function httpRoutes(config = loadServerlessConfig()): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const [functionName, fn] of Object.entries(functionsOf(config))) {
    for (const event of (fn.events as Yaml[] | undefined) ?? []) {
      const api = event.httpApi as { method: string; path: string } | '*' | undefined;
      // `httpApi: '*'` is the `$default` route (method ANY, path `*`): what no other route matches.
      if (api === '*') routes.push({ functionName, method: 'ANY', path: '*', handler: fn.handler as string });
      else if (api)
        routes.push({
          functionName,
          method: api.method.toUpperCase(),
          path: api.path,
          handler: fn.handler as string,
        });
    }
  }
  return routes;
}

export function scheduledFunctions(config = loadServerlessConfig()): ScheduledFunction[] {
  const out: ScheduledFunction[] = [];
  for (const [functionName, fn] of Object.entries(functionsOf(config))) {
    for (const event of (fn.events as Yaml[] | undefined) ?? []) {
      const schedule = event.schedule as string | { rate: string } | undefined;
      if (!schedule) continue;
      const rate = typeof schedule === 'string' ? schedule : schedule.rate;
      out.push({ functionName, handler: fn.handler as string, rate, everyMs: rateToMs(rate) });
    }
  }
  return out;
}

export function streamFunctions(config = loadServerlessConfig()): StreamFunction[] {
  const out: StreamFunction[] = [];
  for (const [functionName, fn] of Object.entries(functionsOf(config))) {
    for (const event of (fn.events as Yaml[] | undefined) ?? []) {
      const stream = event.stream as Yaml | undefined;
      if (!stream) continue;
      if (stream.type !== 'dynamodb') throw new Error(`${functionName}: only DynamoDB streams run locally`);
      out.push({
        functionName,
        handler: fn.handler as string,
        // Lambda's defaults for a DynamoDB event source.
        batchSize: (stream.batchSize as number | undefined) ?? 100,
        batchWindowMs: ((stream.batchWindow as number | undefined) ?? 0) * 1000,
        maximumRetryAttempts: (stream.maximumRetryAttempts as number | undefined) ?? 10_000,
        reportBatchItemFailures: stream.functionResponseType === 'ReportBatchItemFailures',
        filterPatterns: ((stream.filterPatterns as Record<string, unknown>[] | undefined) ?? []).map((p) =>
          typeof p === 'string' ? (JSON.parse(p) as Record<string, unknown>) : p,
        ),
      });
    }
  }
  return out;
}

export function tableDefinition(): TableDefinition {
  const resource = loadYaml('infra/table.yml') as { Properties: TableDefinition };
  return resource.Properties;
}

/**
 * serverless.yml's custom.esbuild as esbuild options (serverless-esbuild's own keys dropped, its plugins loaded): how
 * every function is bundled for deployment, for the checks and benches that build one the same way.
 */
export function deployedBuildOptions(config = loadServerlessConfig()): BuildOptions {
  const custom = (config.custom as { esbuild: Record<string, unknown> }).esbuild;
  const { exclude, concurrency: _concurrency, plugins, ...options } = custom;
  return {
    ...options,
    external: exclude as string[],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    plugins: plugins ? (require(path.join(ROOT, plugins as string)) as Plugin[]) : [],
  };
}
