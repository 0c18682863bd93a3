// Environment is read through this one helper: a missing required value fails fast with its name. Secrets go through
// secrets.ts: on Lambda they come from SSM Parameter Store (never the function's environment), locally from env.
import { secret, type SecretName } from './secrets';

export class ConfigError extends Error {}

function requiredSecret(name: SecretName): string {
  const value = secret(name);
  if (value === undefined || value === '') throw new ConfigError(`missing secret ${name}`);
  return value;
}

function optionalSecret(name: SecretName, fallback: string): string {
  const value = secret(name);
  return value === undefined || value === '' ? fallback : value;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ConfigError(`missing environment variable ${name}`);
  return value;
}

export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export const config = {
  tableName: () => requiredEnv('TABLE_NAME'),
  /** Set locally and in tests to the embedded store; absent on Lambda. */
  dynamoEndpoint: () => process.env.DYNAMODB_ENDPOINT || undefined,
  region: () => optionalEnv('AWS_REGION', 'ap-east-1'),
  tokenSecret: () => requiredSecret('TOKEN_SECRET'),
  tokenTtlSeconds: () => Number(optionalEnv('TOKEN_TTL_SECONDS', String(7 * 24 * 3600))),
  /** `local` accepts dev:<openid>; `wechat` exchanges wx.login codes with code2Session. */
  authProvider: () => optionalEnv('AUTH_PROVIDER', 'local') as 'local' | 'wechat',
  adminOpenids: () =>
    optionalSecret('ADMIN_OPENIDS', '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  wechatAppId: () => requiredSecret('WECHAT_APP_ID'),
  wechatAppSecret: () => requiredSecret('WECHAT_APP_SECRET'),
  wechatApiBase: () => optionalEnv('WECHAT_API_BASE', 'https://api.weixin.qq.com'),
  /** How long a code2Session call may take before sign-in answers 503 (the Lambda timeout is 10 s). */
  wechatTimeoutMs: () => Number(optionalEnv('WECHAT_TIMEOUT_MS', '5000')),
  /** Secret for signed QR tokens (door codes, tickets). Versioned keys: QR_KEYS="v2:secret2,v1:secret1" (first signs). */
  qrKeys: () => optionalSecret('QR_KEYS', ''),
};
