import type { Page } from '../core/api';
import { canRetry, shownError } from './errors';

/**
 * Tabbed, paged lists (the deputy's inbox, the casework queue): each tab keeps its own list in the
 * page's `data.lists[tab]`, loaded on first view, with a first-page reload and "load more".
 */

export type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface TabList<T> {
  status: ListStatus;
  message: string;
  retryable: boolean;
  items: T[];
  nextCursor: string | null;
  loadingMore: boolean;
  moreError: string;
}

export const emptyList = <T>(): TabList<T> => ({
  status: 'idle',
  message: '',
  retryable: true,
  items: [],
  nextCursor: null,
  loadingMore: false,
  moreError: '',
});

/** What of a page component these helpers use. */
export interface ListHost<T> {
  data: { lists: Record<string, TabList<T>> };
  setData(data: Record<string, unknown>): void;
}

/**
 * Loads a tab's first page. On failure a list already shown stays (with a toast); otherwise the tab
 * shows the error. `extra` picks other data from the answer (e.g. the inbox's counts).
 */
export async function reloadTab<T, P extends Page<T>>(
  host: ListHost<T>,
  tab: string,
  fetch: () => Promise<P>,
  extra: (page: P) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const shown = host.data.lists[tab].status === 'ready';
  if (!shown) host.setData({ [`lists.${tab}.status`]: 'loading' });
  try {
    const page = await fetch();
    host.setData({
      ...extra(page),
      [`lists.${tab}`]: {
        ...emptyList<T>(),
        status: 'ready',
        items: page.items,
        nextCursor: page.nextCursor,
      },
    });
  } catch (error) {
    const failure = shownError(error);
    if (shown) wx.showToast({ title: failure.message, icon: 'none' });
    else {
      host.setData({
        [`lists.${tab}.status`]: 'error',
        [`lists.${tab}.message`]: failure.message,
        [`lists.${tab}.retryable`]: canRetry(failure),
      });
    }
  }
}

/** Appends the next page of a tab, once at a time; a failure shows under the list. */
export async function loadMoreTab<T, P extends Page<T>>(
  host: ListHost<T>,
  tab: string,
  fetch: (cursor: string) => Promise<P>,
  extra: (page: P) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const list = host.data.lists[tab];
  if (!list.nextCursor || list.loadingMore || list.status !== 'ready') return;
  host.setData({ [`lists.${tab}.loadingMore`]: true, [`lists.${tab}.moreError`]: '' });
  try {
    const page = await fetch(list.nextCursor);
    host.setData({
      ...extra(page),
      [`lists.${tab}.items`]: [...host.data.lists[tab].items, ...page.items],
      [`lists.${tab}.nextCursor`]: page.nextCursor,
    });
  } catch (error) {
    host.setData({ [`lists.${tab}.moreError`]: shownError(error).message });
  }
  host.setData({ [`lists.${tab}.loadingMore`]: false });
}
