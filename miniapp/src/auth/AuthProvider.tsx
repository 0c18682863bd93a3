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
import { currentPageUrl, openPage, TAB_PAGES } from '../navigation';
import { registerSignIn, requireSignIn } from './requireSignIn';
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

// The user as of the last change, at once: an action that signs in on its tap goes on before React re-renders the
// page (H5 batches the update), so it reads the user here, not from the render's `auth.user`.
let latestUser: User | null = null;
export const signedInUserNow = (): User | null => latestUser;
const NO_ROLES: readonly Role[] = [];

export function AuthProvider({ children }: PropsWithChildren) {
  const [status, setStatus] = useState<AuthStatus>(() => (getToken() ? 'loading' : 'signedOut'));
  const [user, setUserInState] = useState<User | null>(null);
  const setUserState = useCallback((next: User | null) => {
    latestUser = next;
    setUserInState(next);
  }, []);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    if (!getToken()) {
      setStatus('signedOut');
      return;
    }
    // Trying again after a failure shows loading; a refresh while signed in (roles changed) keeps the pages as they are.
    setStatus((current) => (current === 'error' ? 'loading' : current));
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

  // Actions anywhere in the app sign in through requireSignIn(), which lands here.
  useEffect(() => registerSignIn(signIn), [signIn]);

  const signOut = useCallback(() => {
    setToken(null);
    // Signed out is still browsing: back to 首页, no sign-in page.
    void Taro.reLaunch({ url: TAB_PAGES[0] });
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

/** Leaves a page that needs a user when they declined to sign in: the previous page, or 首页. */
function leavePage(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void openPage(TAB_PAGES[0]);
}

let asking: Promise<void> | null = null;

/** Asks once however many hooks want it (the first show and the status effect both do). */
function askOrLeave(): void {
  if (asking) return;
  const askedOn = currentPageUrl();
  asking = requireSignIn()
    .then((signedIn) => {
      // Declined on this page: leave it. (Gone elsewhere meanwhile, e.g. to 隐私政策: stay there.)
      if (!signedIn && currentPageUrl() === askedOn) leavePage();
    })
    .catch((err) => console.error('sign-in failed', err))
    .finally(() => {
      asking = null;
    });
}

/**
 * For pages that only make sense for a signed-in user (我的活动, staff tools): a signed-out visitor is asked to sign
 * in on the page itself (requireSignIn: silent on WeChat, a sheet on H5); declining leaves the page. `required` false:
 * the page is open to strangers this time (e.g. a space looked at from the list, not scanned at its door).
 */
export function useRequireAuth(required = true): AuthContextValue {
  const auth = useAuth();
  useEffect(() => {
    if (required && auth.status === 'signedOut') askOrLeave();
  }, [required, auth.status]);
  // Coming back to this page without a session (signed out elsewhere): ask again. This runs before React has
  // re-rendered, so it asks the token store, not `auth.status`.
  useDidShow(() => {
    if (required && !getToken() && auth.status !== 'loading') askOrLeave();
  });
  return auth;
}
