// The session token, kept in Taro storage (wx storage on weapp, localStorage on H5), with change listeners so the
// API client and the auth context stay in step (e.g. a 401 anywhere signs the whole app out).
import Taro from '@tarojs/taro';

const TOKEN_KEY = 'rc.session.token';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export function getToken(): string | null {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY);
    return typeof token === 'string' && token !== '' ? token : null;
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) Taro.setStorageSync(TOKEN_KEY, token);
  else Taro.removeStorageSync(TOKEN_KEY);
  for (const listener of listeners) listener(token);
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
