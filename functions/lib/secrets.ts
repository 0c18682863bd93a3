// Secrets from SSM Parameter Store, read at cold start and cached — never in a function's environment.
//
// On Lambda a function's environment names the secrets it uses, not their values: RC_SECRETS="TOKEN_SECRET,QR_KEYS"
// and RC_SSM_PREFIX="/red-circle/<stage>/". `loadSecrets()` reads those parameters once (GetParameters with
// decryption, SecureString), keeps them in memory for CACHE_SECONDS, and `secret(name)` answers from that cache.
// Locally and in tests RC_SECRETS is unset and the values come from process.env as before (infra/local, tests/support).
// Each function's role may read exactly the parameters in its RC_SECRETS (infra/deploy/launchPolicies.js).
// Powertools Parameters is the kept library for this; it is not installed here, so this is the SDK's SSM client with
// a small cache (the Lambda Node.js runtime ships the SDK; esbuild leaves @aws-sdk/* out of the bundle).
// The SSM client is loaded only by a function configured to read secrets from SSM, at module init (Lambda's init
// phase) as before; a function without RC_SECRETS, the local runtime and the tests never load it.
import type { SSMClient } from '@aws-sdk/client-ssm';

type SsmModule = typeof import('@aws-sdk/client-ssm');
let ssmModule: SsmModule | null = null;
function ssm(): SsmModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a conditional load, see above
  ssmModule ??= require('@aws-sdk/client-ssm') as SsmModule;
  return ssmModule;
}

/** The secrets the app has, by environment name → SSM parameter name under RC_SSM_PREFIX. */
export const SECRET_PARAMETERS = {
  TOKEN_SECRET: 'token-secret',
  QR_KEYS: 'qr-keys',
  WECHAT_APP_ID: 'wechat-app-id',
  WECHAT_APP_SECRET: 'wechat-app-secret',
  ADMIN_OPENIDS: 'admin-openids',
} as const;
export type SecretName = keyof typeof SECRET_PARAMETERS;

/** Optional secrets: a missing parameter reads as '' instead of failing the cold start. */
const OPTIONAL: ReadonlySet<SecretName> = new Set<SecretName>(['ADMIN_OPENIDS']);
const CACHE_SECONDS = 300;
/** GetParameters takes at most 10 names a call. */
const BATCH = 10;

export class SecretsUnavailableError extends Error {}

let cache: { values: Map<string, string>; loadedAt: number } | null = null;
let loading: Promise<void> | null = null;
let client: SSMClient | null = null;

let parsedSecrets: { raw: string; names: SecretName[] } | null = null;

/** The secret names this function is configured to read from SSM (empty locally and in tests). */
export function configuredSecrets(env: NodeJS.ProcessEnv = process.env): SecretName[] {
  // Asked before every store call: parsed again only when the setting changed (tests change it).
  const raw = env.RC_SECRETS ?? '';
  if (parsedSecrets?.raw !== raw)
    parsedSecrets = {
      raw,
      names: raw
        .split(',')
        .map((s) => s.trim())
        .filter((s): s is SecretName => s in SECRET_PARAMETERS),
    };
  return parsedSecrets.names;
}

async function fetchSecrets(names: SecretName[]): Promise<Map<string, string>> {
  const prefix = process.env.RC_SSM_PREFIX ?? '';
  if (!prefix.startsWith('/')) throw new SecretsUnavailableError('RC_SSM_PREFIX is not set');
  const { GetParametersCommand, SSMClient } = ssm();
  client ??= new SSMClient({});
  const values = new Map<string, string>();
  for (let i = 0; i < names.length; i += BATCH) {
    const batch = names.slice(i, i + BATCH);
    const byPath = new Map(batch.map((name) => [prefix + SECRET_PARAMETERS[name], name]));
    const res = await client.send(
      new GetParametersCommand({ Names: [...byPath.keys()], WithDecryption: true }),
    );
    for (const p of res.Parameters ?? []) {
      const name = byPath.get(p.Name ?? '');
      if (name) values.set(name, p.Value ?? '');
    }
  }
  const missing = names.filter((n) => !values.has(n) && !OPTIONAL.has(n));
  if (missing.length) throw new SecretsUnavailableError(`missing SSM parameters: ${missing.join(', ')}`);
  for (const name of names) if (!values.has(name)) values.set(name, '');
  return values;
}

if (configuredSecrets().length > 0) ssm();

/**
 * Reads this function's secrets when they are not cached yet (cold start) or the cache is older than 5 minutes
 * (a rotated secret reaches warm functions). Concurrent callers share one read. A no-op without RC_SECRETS.
 */
export async function loadSecrets(now = Date.now()): Promise<void> {
  const names = configuredSecrets();
  if (names.length === 0) return;
  if (cache && now - cache.loadedAt < CACHE_SECONDS * 1000) return;
  loading ??= fetchSecrets(names)
    .then((values) => {
      cache = { values, loadedAt: Date.now() };
    })
    .catch((err: unknown) => {
      // A warm function keeps its last good values rather than failing on a passing SSM error.
      if (!cache)
        throw err instanceof SecretsUnavailableError ? err : new SecretsUnavailableError(String(err));
    })
    .finally(() => {
      loading = null;
    });
  await loading;
}

/** The secret's value: from the SSM cache on Lambda, else from process.env (local runtime, tests). */
export function secret(name: SecretName): string | undefined {
  if (configuredSecrets().includes(name)) {
    if (!cache) throw new SecretsUnavailableError(`${name} read before loadSecrets() finished`);
    return cache.values.get(name);
  }
  return process.env[name];
}

/** Wraps a scheduled job's handler so its secrets are loaded first (HTTP handlers get this from route()). */
export function withSecrets<A extends unknown[], R>(handler: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    await loadSecrets();
    return handler(...args);
  };
}

/** For tests: forget the cache and the client. */
export function resetSecretsCache(): void {
  cache = null;
  loading = null;
  client = null;
}
