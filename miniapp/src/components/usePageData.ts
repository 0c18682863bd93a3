// Load / reload / pull-down refresh with loading and error states, for any page that shows data from the API.
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { toApiError, type ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';

export interface PageData<T> {
  data: T | undefined;
  error: ApiError | null;
  /** First load, or a reload after an error: show <Loading/>. */
  loading: boolean;
  /** Pull-down refresh in progress: keep showing the data. */
  refreshing: boolean;
  /** Loads again showing <Loading/> (e.g. the retry button of <ErrorState/>). */
  reload(): Promise<void>;
  /** Loads again keeping the current data on screen. */
  refresh(): Promise<void>;
  /** Replaces the data after a local change (e.g. an item liked), without a round trip. */
  setData(update: T | ((previous: T | undefined) => T)): void;
}

export interface PageDataOptions {
  /** Wait (show loading) until this is true, e.g. `auth.status === 'signedIn'`. Default true. */
  enabled?: boolean;
  /** Refresh whenever the page is shown again (back from a detail page, tab switch). Default false. */
  refreshOnShow?: boolean;
}

/**
 * `load` runs on mount and whenever `deps` change. The page's index.config.ts needs
 * `enablePullDownRefresh: true` for the pull-down gesture.
 */
export function usePageData<T>(
  load: () => Promise<T>,
  deps: DependencyList = [],
  options: PageDataOptions = {},
): PageData<T> {
  const { enabled = true, refreshOnShow = false } = options;
  // A page that waits for the user (enabled on `auth.status`) while the user could not be loaded (the network at
  // launch, a 503) shows that error with 重试, which loads the user again, instead of loading for ever.
  const auth = useAuth();
  const waitsOnFailedAuth = !enabled && auth.status === 'error';
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [refreshing, setRefreshing] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);
  const mounted = useRef(true);
  const hasLoaded = useRef(false);

  const run = useCallback(async (mode: 'load' | 'refresh') => {
    const ticket = ++latest.current;
    if (mode === 'load') setLoading(true);
    else setRefreshing(true);
    try {
      const result = await loadRef.current();
      if (!mounted.current || ticket !== latest.current) return;
      setDataState(() => result);
      setError(null);
      hasLoaded.current = true;
    } catch (err) {
      if (!mounted.current || ticket !== latest.current) return;
      setError(toApiError(err));
    } finally {
      if (mounted.current && ticket === latest.current) {
        setLoading(false);
        setRefreshing(false);
      }
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (enabled) void run('load');
  }, [enabled, run, ...deps]);

  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh();
    if (waitsOnFailedAuth) return void auth.refresh().finally(done);
    if (!enabled) return done();
    void run('refresh').finally(done);
  });

  useDidShow(() => {
    if (waitsOnFailedAuth) void auth.refresh();
    else if (refreshOnShow && enabled && hasLoaded.current) void run('refresh');
  });

  const reload = useCallback(() => run('load'), [run]);
  const refresh = useCallback(() => run('refresh'), [run]);
  const setData = useCallback((update: T | ((previous: T | undefined) => T)) => {
    setDataState((previous) =>
      typeof update === 'function' ? (update as (p: T | undefined) => T)(previous) : update,
    );
  }, []);

  if (waitsOnFailedAuth) {
    return {
      data,
      error: auth.error,
      loading: false,
      refreshing,
      reload: auth.refresh,
      refresh: auth.refresh,
      setData,
    };
  }
  return { data, error, loading: loading || !enabled, refreshing, reload, refresh, setData };
}
