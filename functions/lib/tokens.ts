// Session tokens: HS256 JWTs signed with TOKEN_SECRET, carrying only the user id.
import { SignJWT, jwtVerify } from 'jose';
import { config } from './config';
import { UnauthenticatedError } from './errors';

const ISSUER = 'red-circle';

function key(): Uint8Array {
  return new TextEncoder().encode(config.tokenSecret());
}

export async function issueSessionToken(userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + config.tokenTtlSeconds())
    .sign(key());
}

export async function verifySessionToken(token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, algorithms: ['HS256'] });
    if (!payload.sub) throw new Error('token without subject');
    return payload.sub;
  } catch (err) {
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new UnauthenticatedError(expired ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录');
  }
}
