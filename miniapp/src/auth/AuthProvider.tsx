// The signed-in user for the whole app: loaded once at launch from the stored token, updated on sign-in, profile
// edits and sign-out, and cleared everywhere when any call answers 401.
import Taro, { useDidShow } from '@tarojs/taro';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type PropsWithChildren,
} from 'react';
import type { Role, User } from '@shared/api/users';
import { toApiError, type ApiError } from '../api/client';
import { usersApi } from '../api/users';
import { goToSignIn, SIGN_IN_PAGE } from '../navigation';
import { getToken, onTokenChange, setToken } from './session';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  /** Set when status is `error` (e.g. the API was unreachable at launch). */
  error: ApiError | null;
  roles: readonly Role[];
  /** True for any of the roles; `staff` is also satisfied by `admin`, as on the API. */
  hasRole(...roles: Role[]): boolean;
  /** Exchanges a sign-in code (wx.login's, or `dev:<account>` locally) for a session. */
  signIn(code: string): Promise<User>;
  signOut(): void;
  /** Reloads the user from GET /v1/me (e.g. after roles changed). */
  refresh(): Promise<void>;
  /** Replaces the user after an edit (PATCH /v1/me returns the new one). */
  setUser(user: User): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);
const NO_ROLES: readonly Role[] = [];

export function AuthProvider({ children }: PropsWithChildren) {
  const [status, setStatus] = useState<AuthStatus>(() => (getToken() ? 'loading' : 'signedOut'));
  const [user, setUserState] = useState<User | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    if (!getToken()) {
      setStatus('signedOut');
      return;
    }
    try {
      const me = await usersApi.me();
      setUserState(me);
      setError(null);
      setStatus('signedIn');
    } catch (err) {
      const apiError = toApiError(err);
      // 401 already cleared the token (see api/client.ts); anything else is trouble worth a retry.
      if (apiError.status !== 401) {
        setError(apiError);
        setStatus('error');
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onTokenChange((token) => {
      if (token) return;
      setUserState(null);
      setStatus('signedOut');
    });
  }, [refresh]);

  const signIn = useCallback(async (code: string) => {
    const reply = await usersApi.login(code);
    setToken(reply.token);
    setUserState(reply.user);
    setError(null);
    setStatus('signedIn');
    return reply.user;
  }, []);

  const signOut = useCallback(() => {
    setToken(null);
    void Taro.reLaunch({ url: SIGN_IN_PAGE });
  }, []);

  const value = useMemo<AuthContextValue>(() => {
    const roles = user?.roles ?? NO_ROLES;
    return {
      status,
      user,
      error,
      roles,
      hasRole: (...wanted) =>
        wanted.some((r) => roles.includes(r) || (r === 'staff' && roles.includes('admin'))),
      signIn,
      signOut,
      refresh,
      setUser: setUserState,
    };
  }, [status, user, error, signIn, signOut, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider> (see app.tsx)');
  return value;
}

/** For pages that need a signed-in user: sends the user to sign in (and back here afterwards) when signed out. */
export function useRequireAuth(): AuthContextValue {
  const auth = useAuth();
  useEffect(() => {
    if (auth.status === 'signedOut') goToSignIn();
  }, [auth.status]);
  // Coming back (e.g. with the back button from the sign-in page) without having signed in: ask again. This runs
  // before React has re-rendered with a fresh sign-in, so it asks the token store, not `auth.status`.
  useDidShow(() => {
    if (!getToken()) goToSignIn();
  });
  return auth;
}
