// A paged list (items + nextCursor) on top of usePageData: the first page with its loading / error / empty states,
// then "load more" by cursor (pair it with <MoreFooter list={…}/> and useReachBottom).
import { useCallback, useRef, useState, type DependencyList } from 'react';
import type { Page } from '@shared/api/common';
import { toApiError, type ApiError } from '../api/client';
import { usePageData, type PageData, type PageDataOptions } from '../components/usePageData';

export interface CursorList<T extends { id: string }> {
  page: PageData<Page<T>>;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  /** The last "load more" failed (tapping the footer tries again). */
  moreError: ApiError | null;
  /** Replaces one item in place (e.g. after a like), or removes it when `next` is null. */
  replace(match: (item: T) => boolean, next: T | null): void;
}

export function useCursorList<T extends { id: string }>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  deps: DependencyList = [],
  options: PageDataOptions = {},
): CursorList<T> {
  const page = usePageData(() => fetchPage(null), deps, options);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const { data, setData } = page;

  const loadMore = useCallback(async () => {
    const cursor = data?.nextCursor;
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoadingMore(true);
    try {
      const next = await fetchRef.current(cursor);
      setMoreError(null);
      setData((previous) => {
        // An item added meanwhile shifts the pages: never show one twice.
        const seen = new Set((previous?.items ?? []).map((item) => item.id));
        return {
          items: [...(previous?.items ?? []), ...next.items.filter((item) => !seen.has(item.id))],
          nextCursor: next.nextCursor,
        };
      });
    } catch (err) {
      setMoreError(toApiError(err));
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
  }, [data, setData]);

  const replace = useCallback(
    (match: (item: T) => boolean, next: T | null) =>
      setData((previous) => ({
        items: (previous?.items ?? []).flatMap((item) => (match(item) ? (next ? [next] : []) : [item])),
        nextCursor: previous?.nextCursor ?? null,
      })),
    [setData],
  );

  return { page, loadMore, loadingMore, moreError, replace };
}
