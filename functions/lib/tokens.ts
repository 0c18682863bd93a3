// Session tokens: compact HS256 JWTs (RFC 7519) signed with TOKEN_SECRET, carrying the user id (`sub`), the issuer,
// when they were issued and when they expire. Written on node:crypto rather than a JWT library: a session token is
// the only JWT we make or accept, and this keeps ~14 KB out of every function bundle. The tests check it against
// `jose`, a full JWT implementation: tokens it signs with our secret are accepted, anything else is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from './config';
import { UnauthenticatedError } from './errors';

const ISSUER = 'red-circle';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

interface Claims {
  sub?: unknown;
  iss?: unknown;
  iat?: unknown;
  exp?: unknown;
  nbf?: unknown;
}

function signature(signingInput: string): Buffer {
  return createHmac('sha256', config.tokenSecret()).update(signingInput).digest();
}

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export async function issueSessionToken(userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: userId, iss: ISSUER, iat: now, exp: now + config.tokenTtlSeconds() };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${signature(signingInput).toString('base64url')}`;
}

const invalid = () => new UnauthenticatedError('登录凭证无效，请重新登录');

/** The user id of a valid, unexpired session token; 401 otherwise ("expired" only for a genuine expired token). */
export async function verifySessionToken(token: string): Promise<string> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw invalid();
  const [header, payload, given] = parts;
  const expected = signature(`${header}.${payload}`);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid();
  let claims: Claims;
  try {
    const head = decodeJson(header) as { alg?: unknown; crit?: unknown };
    // Signed with our secret, but only the exact algorithm we issue counts; no critical extensions.
    if (!head || head.alg !== 'HS256' || head.crit !== undefined) throw invalid();
    claims = decodeJson(payload) as Claims;
  } catch {
    throw invalid();
  }
  if (!claims || typeof claims !== 'object') throw invalid();
  if (claims.iss !== ISSUER || typeof claims.sub !== 'string' || claims.sub === '') throw invalid();
  // A token must say when it ends: one without `exp` would be valid forever.
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw invalid();
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.nbf === 'number' && claims.nbf > now) throw invalid();
  if (claims.exp <= now) throw new UnauthenticatedError('登录已过期，请重新登录');
  return claims.sub;
}
