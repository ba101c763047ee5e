import type { Page } from '../core/api';
import {
  dataAt,
  keyAt,
  loadInto,
  notLoaded,
  type LoadHost,
  type LoadState,
  type Loaded,
} from '../behaviors/loadable';
import { shownError } from './errors';

/**
 * Paged lists (the resident's appeals, the tabs of the deputy's inbox and of the casework queue):
 * a first page, then "load more" at the bottom with the cursor the last page gave; a failure to load
 * more shows under the list, which stays. The list's data lives at a path of the page's data: ''
 * for a page that is one list (with the loadable behavior), `lists.<tab>` for a tab.
 */

export interface Paging<T> {
  items: T[];
  nextCursor: string | null;
  loadingMore: boolean;
  moreError: string;
}

export type PagedList<T> = LoadState & Paging<T>;

export const noPages = <T>(): Paging<T> => ({
  items: [],
  nextCursor: null,
  loadingMore: false,
  moreError: '',
});

/** A tab's list before it is first opened. */
export const emptyList = <T>(): PagedList<T> => ({ ...notLoaded(), ...noPages<T>() });

/** What of the answer besides the items goes on the page (the inbox's counts). */
type Extra<P> = (page: P) => Record<string, unknown>;

/** Puts a first page in place of the list at `path`; 'empty' when it has nothing. */
export function showFirstPage<T, P extends Page<T>>(
  host: LoadHost,
  path: string,
  page: P,
  extra: Extra<P> = () => ({}),
): Loaded {
  host.setData({
    ...extra(page),
    [keyAt(path, 'items')]: page.items,
    [keyAt(path, 'nextCursor')]: page.nextCursor,
    [keyAt(path, 'loadingMore')]: false,
    [keyAt(path, 'moreError')]: '',
  });
  return page.items.length > 0 ? 'ready' : 'empty';
}

/** Reads the list at `path` from its first page again; what is shown stays, with a toast on failure. */
export function reloadList<T, P extends Page<T>>(
  host: LoadHost,
  path: string,
  fetch: () => Promise<P>,
  extra?: Extra<P>,
): Promise<void> {
  return loadInto(host, path, async () => showFirstPage(host, path, await fetch(), extra), true);
}

/** Appends the next page of the list at `path`, once at a time; a failure shows under the list. */
export async function loadMore<T, P extends Page<T>>(
  host: LoadHost,
  path: string,
  fetch: (cursor: string) => Promise<P>,
  extra: Extra<P> = () => ({}),
): Promise<void> {
  const list = dataAt<PagedList<T>>(host.data, path);
  if (!list.nextCursor || list.loadingMore || list.status !== 'ready') return;
  host.setData({ [keyAt(path, 'loadingMore')]: true, [keyAt(path, 'moreError')]: '' });
  try {
    const page = await fetch(list.nextCursor);
    host.setData({
      ...extra(page),
      [keyAt(path, 'items')]: [...dataAt<PagedList<T>>(host.data, path).items, ...page.items],
      [keyAt(path, 'nextCursor')]: page.nextCursor,
    });
  } catch (error) {
    host.setData({ [keyAt(path, 'moreError')]: shownError(error).message });
  }
  host.setData({ [keyAt(path, 'loadingMore')]: false });
}
