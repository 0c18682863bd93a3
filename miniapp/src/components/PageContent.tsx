import type { ReactNode } from 'react';
import { Empty, type EmptyAction } from './Empty';
import type { IconName } from './Icon';
import { ErrorState } from './ErrorState';
import { Loading } from './Loading';
import type { PageData } from './usePageData';

export interface PageContentProps<T> {
  page: PageData<T>;
  /** When true for the loaded data, <Empty text={emptyText}/> is shown instead of children. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  emptyHint?: string;
  /** The empty state's icon and next step (components/Empty). */
  emptyIcon?: IconName;
  emptyAction?: EmptyAction;
  children: (data: T) => ReactNode;
}

/** Picks the state to show for a usePageData result: loading, error (with retry), empty, or the content. */
export function PageContent<T>({
  page,
  isEmpty,
  emptyText,
  emptyHint,
  emptyIcon,
  emptyAction,
  children,
}: PageContentProps<T>) {
  if (page.error && page.data === undefined)
    return <ErrorState error={page.error} onRetry={() => void page.reload()} />;
  if (page.loading && page.data === undefined) return <Loading />;
  if (page.data === undefined) return <Loading />;
  if (isEmpty?.(page.data))
    return <Empty text={emptyText} hint={emptyHint} icon={emptyIcon} action={emptyAction} />;
  return <>{children(page.data)}</>;
}
