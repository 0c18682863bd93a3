// A list page: first page through usePageData (loading/error/empty), then "load more" by cursor.
import { useState, type DependencyList } from 'react';
import type { Page } from '@shared/api/common';
import { toApiError } from '../../../api/client';
import { usePageData, type PageDataOptions } from '../../../components';

export function usePagedList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  deps: DependencyList,
  options?: PageDataOptions,
) {
  const page = usePageData(() => fetchPage(null), deps, options);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  async function loadMore() {
    const cursor = page.data?.nextCursor;
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await fetchPage(cursor);
      page.setData((previous) => ({
        items: [...(previous?.items ?? []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } catch (err) {
      setMoreError(toApiError(err).message);
    } finally {
      setLoadingMore(false);
    }
  }
  return { page, loadMore, loadingMore, moreError };
}
