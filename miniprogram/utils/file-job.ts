import type { FileJobView } from '../core/api';
import type { LoadHost } from '../behaviors/loadable';
import { isApiError } from '../services/api';
import { download } from '../services/download';
import { shownError } from './errors';

/**
 * A file the office asks for (台账 .xlsx, 海报 PDF): asked for, then asked again every few seconds
 * while the office function's timer makes it (`running`), then downloaded and opened in WeChat's
 * document viewer with its menu, from which it is forwarded or saved. The page shows each step
 * (`FileStep`) and the error when there is one.
 */

export type DoneFile = Extract<FileJobView, { status: 'done' }>;

/** idle → making (正在生成) → opening (正在打开) → done; or error. */
export type FileStep = 'idle' | 'making' | 'opening' | 'done' | 'error';

export interface FileState {
  step: FileStep;
  /** 正在生成，共 1,234 行 / 等待开始…; the error's message on `error`. */
  message: string;
  /** The file made last, to open again without asking for it anew. */
  file: DoneFile | null;
}

export const idleFile = (): FileState => ({ step: 'idle', message: '', file: null });

/** How long to wait between two asks while the file is being made. */
export const POLL_MS = 3000;

/** At most this many asks (about ten minutes): then the page says to try again later. */
export const MAX_POLLS = 200;

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What the making of a file shows: 正在生成（共 1234 行）… */
export function makingMessage(job: FileJobView, unit: string): string {
  if (job.status === 'done') return '正在打开…';
  const total = job.total > 0 ? `，共 ${job.total} ${unit}` : '';
  return job.startedAt === null ? `正在排队生成${total}…` : `正在生成${total}…`;
}

/** Asks until the file is made; `onRunning` hears each answer that is not yet the file. */
export async function untilMade(
  ask: () => Promise<FileJobView>,
  onRunning: (job: Extract<FileJobView, { status: 'running' }>) => void,
): Promise<DoneFile | null> {
  for (let polls = 0; polls < MAX_POLLS; polls += 1) {
    const job = await ask();
    if (job.status === 'done') return job;
    onRunning(job);
    await pause(POLL_MS);
  }
  return null;
}

/** The viewer's file type from the file's name. */
export const fileTypeOf = (name: string): 'xlsx' | 'pdf' => (/\.pdf$/i.test(name) ? 'pdf' : 'xlsx');

/** Downloads the made file and opens it in WeChat's document viewer, with the menu to forward it. */
export async function openFile(file: DoneFile): Promise<void> {
  const filePath = await download(file.url);
  await wx.openDocument({ filePath, fileType: fileTypeOf(file.name), showMenu: true });
}

/** Whether a file is being asked for or opened: the button waits. */
export const isBusy = (state: FileState): boolean => state.step === 'making' || state.step === 'opening';

export const NOT_MADE_YET = '文件还在生成，请稍后再点一次';
export const NOT_OPENED = '文件已生成，但没能打开，请点“再次打开”';

/**
 * Asks for the file (`ask`, the same input every time), shows its making at `file` of the page's
 * data, then opens it. A failure to make it shows the function's message; a failure to download or
 * open it keeps the file, to be opened again.
 */
export async function makeAndOpen(
  host: LoadHost,
  ask: () => Promise<FileJobView>,
  unit: string,
): Promise<void> {
  host.setData({ file: { step: 'making', message: '正在生成…', file: null } });
  let file: DoneFile | null;
  try {
    file = await untilMade(ask, (job) => host.setData({ 'file.message': makingMessage(job, unit) }));
  } catch (error) {
    host.setData({ file: { step: 'error', message: shownError(error).message, file: null } });
    return;
  }
  if (!file) {
    host.setData({ file: { step: 'error', message: NOT_MADE_YET, file: null } });
    return;
  }
  await reopen(host, file);
}

/** Opens a file made before (its download URL holds for an hour). */
export async function reopen(host: LoadHost, file: DoneFile): Promise<void> {
  host.setData({ file: { step: 'opening', message: '正在打开…', file } });
  try {
    await openFile(file);
    host.setData({ 'file.step': 'done', 'file.message': '' });
  } catch (error) {
    host.setData({
      'file.step': 'error',
      'file.message': isApiError(error) ? error.message : NOT_OPENED,
    });
  }
}
