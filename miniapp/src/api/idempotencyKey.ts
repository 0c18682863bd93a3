/** A random key for the Idempotency-Key header (1–64 chars). Not a secret, so Math.random is enough on every platform. */
export function newIdempotencyKey(): string {
  let random = '';
  for (let i = 0; i < 4; i++) random += Math.floor(Math.random() * 0x100000000).toString(36);
  return `${Date.now().toString(36)}-${random}`.slice(0, 64);
}
