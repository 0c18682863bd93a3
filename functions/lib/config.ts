// Environment is read through this one helper: a missing required value fails fast with its name.
export class ConfigError extends Error {}

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
  tokenSecret: () => requiredEnv('TOKEN_SECRET'),
  tokenTtlSeconds: () => Number(optionalEnv('TOKEN_TTL_SECONDS', String(7 * 24 * 3600))),
  /** `local` accepts dev:<openid>; `wechat` exchanges wx.login codes with code2Session. */
  authProvider: () => optionalEnv('AUTH_PROVIDER', 'local') as 'local' | 'wechat',
  adminOpenids: () =>
    optionalEnv('ADMIN_OPENIDS', '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  wechatAppId: () => requiredEnv('WECHAT_APP_ID'),
  wechatAppSecret: () => requiredEnv('WECHAT_APP_SECRET'),
  wechatApiBase: () => optionalEnv('WECHAT_API_BASE', 'https://api.weixin.qq.com'),
  /** How long a code2Session call may take before sign-in answers 503 (the Lambda timeout is 10 s). */
  wechatTimeoutMs: () => Number(optionalEnv('WECHAT_TIMEOUT_MS', '5000')),
  /** Secret for signed QR tokens (door codes, tickets). Versioned keys: QR_KEYS="v2:secret2,v1:secret1" (first signs). */
  qrKeys: () => optionalEnv('QR_KEYS', ''),
};
