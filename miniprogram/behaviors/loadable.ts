import { canRetry, shownError } from '../utils/errors';
import { stopPullDown, toast } from '../utils/ui';

/**
 * What a page shows while it reads what it is about: a loading state, then the content, an empty
 * state or the error (with 重试 unless trying again cannot help). Pull-down refresh keeps what is
 * shown and says a failure in a toast, so that a bad connection never blanks a page already read.
 *
 * A page takes it as `behaviors: [loadable]`, defines `fetch()` (read, put it on the page, answer
 * 'empty' when there is nothing to show) and binds its state view to `status`, `message` and
 * `retryable`, with 重试 bound to `onRetry`:
 *
 * ```
 * <state-view class="state" wx:if="{{status === 'loading'}}" kind="loading" />
 * <state-view class="state" wx:elif="{{status === 'error'}}" kind="error" title="{{message}}"
 *   action-text="{{retryable ? '重试' : ''}}" bind:action="onRetry" />
 * <state-view class="state" wx:elif="{{status === 'empty'}}" kind="empty" title="…" />
 * ```
 *
 * Parts of a page with their own state (a tab's list) use `loadInto` with the path of their state.
 */

/** `idle`: not asked for yet (a tab not opened). `empty`: read, with nothing to show. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

export interface LoadState {
  status: LoadStatus;
  /** The error's message, shown in place of the content. */
  message: string;
  /** Whether the error state offers 重试 (utils/errors.ts canRetry). */
  retryable: boolean;
}

/** What a fetch found: something to show, or nothing. Answering nothing means 'ready'. */
export type Loaded = 'ready' | 'empty';

export const notLoaded = (): LoadState => ({ status: 'idle', message: '', retryable: true });

/** Content is on the screen: a refresh keeps it rather than blanking it. */
export const isShown = (status: LoadStatus): boolean => status === 'ready' || status === 'empty';

/** What of a page these helpers use. */
export interface LoadHost {
  data: object;
  setData(data: Record<string, unknown>): void;
}

/** The value at a dotted path of a page's data ('' for the data itself). */
export function dataAt<T>(data: object, path: string): T {
  let value: unknown = data;
  for (const key of path ? path.split('.') : []) value = (value as Record<string, unknown>)[key];
  return value as T;
}

/** The setData key of `field` in the state at `path`. */
export const keyAt = (path: string, field: string): string => (path ? `${path}.${field}` : field);

/**
 * Runs `fetch` for the state at `path` ('' for the page, `lists.mine` for a tab). With `keep`, what is
 * already shown stays while it runs and a failure is a toast; otherwise (and when nothing is shown
 * yet) the loading state shows first and a failure shows as the error.
 */
export async function loadInto(
  host: LoadHost,
  path: string,
  fetch: () => Promise<Loaded | void>,
  keep: boolean,
): Promise<void> {
  const shown = keep && isShown(dataAt<LoadState>(host.data, path).status);
  if (!shown) host.setData({ [keyAt(path, 'status')]: 'loading' });
  try {
    const loaded = await fetch();
    host.setData({ [keyAt(path, 'status')]: loaded === 'empty' ? 'empty' : 'ready' });
  } catch (error) {
    const failure = shownError(error);
    if (shown) {
      toast(failure.message);
      return;
    }
    host.setData({
      [keyAt(path, 'status')]: 'error',
      [keyAt(path, 'message')]: failure.message,
      [keyAt(path, 'retryable')]: canRetry(failure),
    });
  }
}

export const loadable = Behavior({
  data: { status: 'loading' as LoadStatus, message: '', retryable: true },
  methods: {
    /** The page's own: reads what it shows and puts it on the page. */
    fetch(): Promise<Loaded | void> {
      return Promise.reject(new Error('a page with the loadable behavior defines fetch()'));
    },

    /** The first read, 重试, or another choice of what to show (a year, a period): loading first. */
    load(): Promise<void> {
      return loadInto(this, '', () => this.fetch(), false);
    },

    /** Reads again while what is shown stays: pull-down, coming back from another page. */
    refresh(): Promise<void> {
      return loadInto(this, '', () => this.fetch(), true);
    },

    onRetry() {
      void this.load();
    },

    async onPullDownRefresh() {
      await this.refresh();
      stopPullDown();
    },
  },
});
