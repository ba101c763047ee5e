import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileJobView } from '../../../miniprogram/core/api';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import {
  collection,
  derivedId,
  duplicateIndex,
  getById,
  type ActionContext,
  type ExportDoc,
  type ExportKind,
} from '../platform';

/**
 * Files the office takes out of the product, made at once when small and as a job when big.
 *
 * A function call has a time limit (20 s for `office`), and a year's ledger of a large district or
 * eleven thousand posters do not fit in it. So each file is a document in `exports`, keyed by what
 * it holds: a call counts what the file will hold and makes it on the spot when that is small;
 * otherwise it queues the job and answers "running", and the office function's timer (every
 * minute, 60 s) makes it. Asking again with the same input answers the job's progress, then the
 * file. The key also makes a retried or repeated request safe: it finds the same job, and the file
 * is written to the same path, so nothing is made twice and storage holds one file per request.
 */

/** Writes the file for `params` to `outPath`; answers how many rows or pages it holds. */
export type FileMaker = (
  params: Record<string, unknown>,
  ctx: ActionContext,
  outPath: string,
) => Promise<{ count: number }>;

export type FileMakers = Partial<Record<ExportKind, FileMaker>>;

export interface FileRequest {
  kind: ExportKind;
  /** What the maker needs, already limited to what the caller may see: it is the job's key. */
  params: Record<string, unknown>;
  /** The file's name for people, with its extension. */
  name: string;
  ext: 'xlsx' | 'pdf';
  /** Rows or pages the file will hold. */
  total: number;
  /** Up to this many rows or pages are made during the call; more is a job for the timer. */
  syncLimit: number;
  make: FileMaker;
}

/** A file asked for again within this time is the one already made (a retry, a second tap). */
export const REUSE_MS = 5 * 60_000;
/** A run not finished after this long died with its function (60 s at most) and may start again. */
export const STALE_RUN_MS = 3 * 60_000;
/** How long the answered download URL works. */
const URL_SECONDS = 3600;

export const exportId = (kind: ExportKind, params: Record<string, unknown>) =>
  derivedId(`${kind}-`, JSON.stringify(params));

/**
 * Where a request's file is kept. The key can be worked out from the parameters, so a random part
 * is added once and kept with the job: a file ID cannot be guessed from a period and a scope, should
 * storage ever be opened wider than the functions alone (docs/deploy.md).
 */
const cloudPathOf = (id: string, kind: ExportKind, ext: string) =>
  `exports/${kind}/${id}-${randomBytes(8).toString('hex')}.${ext}`;

const isLive = (doc: ExportDoc, now: number) =>
  doc.status === 'queued' || (doc.status === 'running' && now - (doc.startedAt ?? 0) < STALE_RUN_MS);

async function doneView(ctx: ActionContext, doc: ExportDoc): Promise<FileJobView | Failure> {
  if (!doc.fileID) return fail('EXPORT.FAILED', '文件生成失败，请重新生成');
  const { fileList } = await ctx.app.getTempFileURL({
    fileList: [{ fileID: doc.fileID, maxAge: URL_SECONDS }],
  });
  const url = fileList[0]?.code === 'SUCCESS' ? fileList[0].tempFileURL : '';
  if (!url) return fail('EXPORT.FAILED', '文件已失效，请重新生成');
  return {
    status: 'done',
    fileID: doc.fileID,
    url,
    name: doc.name,
    count: doc.count ?? 0,
    madeAt: doc.finishedAt ?? doc.requestedAt,
  };
}

const runningView = (doc: ExportDoc): FileJobView => ({
  status: 'running',
  total: doc.total,
  startedAt: doc.status === 'running' ? doc.startedAt : null,
});

/**
 * Answers the file the request describes: the one made within the last five minutes, the job
 * still making it, a file made now, or a new job.
 */
export async function requestFile(ctx: ActionContext, request: FileRequest): Promise<FileJobView | Failure> {
  const id = exportId(request.kind, request.params);
  const existing = await getById(ctx.db, 'exports', id);
  if (existing) {
    if (isLive(existing, ctx.now)) return runningView(existing);
    if (existing.status === 'done' && ctx.now - (existing.finishedAt ?? 0) < REUSE_MS) {
      const view = await doneView(ctx, existing);
      // A file removed from storage meanwhile is made again below.
      if (!isFailure(view)) return view;
    }
  }
  const job: ExportDoc = {
    _id: id,
    kind: request.kind,
    params: request.params,
    status: request.total <= request.syncLimit ? 'running' : 'queued',
    total: request.total,
    name: request.name,
    cloudPath: existing?.cloudPath ?? cloudPathOf(id, request.kind, request.ext),
    fileID: null,
    count: null,
    error: null,
    requestedBy: ctx.caller.openid,
    requestedAt: ctx.now,
    startedAt: request.total <= request.syncLimit ? ctx.now : null,
    finishedAt: null,
    version: (existing?.version ?? 0) + 1,
  };
  const claimed = await claim(ctx, job, existing);
  if (!claimed) {
    // Someone asked for the same file a moment ago: answer their job.
    const theirs = await getById(ctx.db, 'exports', id);
    return theirs && theirs.status === 'done' ? doneView(ctx, theirs) : runningView(theirs ?? job);
  }
  if (job.status === 'queued') return runningView(job);
  const done = await run(ctx, job, request.make);
  return done.status === 'done' ? doneView(ctx, done) : fail('EXPORT.FAILED', '文件生成失败，请稍后重试');
}

/** Stores the job in place of `previous` (compare-and-set on its version); false when someone was first. */
async function claim(ctx: ActionContext, job: ExportDoc, previous: ExportDoc | null): Promise<boolean> {
  const exports = collection(ctx.db, 'exports');
  if (!previous) {
    try {
      await exports.add(job);
      return true;
    } catch (error) {
      if (duplicateIndex(error)) return false;
      throw error;
    }
  }
  const { _id, ...fields } = job;
  const { updated } = await exports.where({ _id, version: previous.version }).update(fields);
  return updated === 1;
}

/** Makes the claimed job's file, stores it and records the outcome; answers the job as stored. */
async function run(ctx: ActionContext, job: ExportDoc, make: FileMaker): Promise<ExportDoc> {
  const dir = await mkdtemp(join(tmpdir(), `${job.kind}-`));
  let outcome: Partial<ExportDoc>;
  try {
    const outPath = join(dir, `file.${job.cloudPath.slice(job.cloudPath.lastIndexOf('.') + 1)}`);
    const { count } = await make(job.params, ctx, outPath);
    const { fileID } = await ctx.app.uploadFile({
      cloudPath: job.cloudPath,
      fileContent: createReadStream(outPath),
    });
    outcome = { status: 'done', fileID, count, error: null };
  } catch (error) {
    console.error(`[files] ${job._id}`, error);
    outcome = { status: 'failed', error: String((error as Error)?.message ?? error).slice(0, 500) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const finished = { ...outcome, finishedAt: ctx.now, version: job.version + 1 };
  await collection(ctx.db, 'exports').where({ _id: job._id, version: job.version }).update(finished);
  return { ...job, ...finished };
}

/**
 * The office function's timer: runs waiting jobs (and runs that died), oldest first, one at a time,
 * while `budgetMs` lasts. A job is claimed by compare-and-set, so two timers never run the same one.
 */
export async function runFileJobs(
  ctx: ActionContext,
  makers: FileMakers,
  budgetMs: number,
): Promise<{ ran: number; failed: number }> {
  const started = Date.now();
  const _ = ctx.db.command;
  let ran = 0;
  let failed = 0;
  const skipped = new Set<string>();
  while (Date.now() - started < budgetMs) {
    const [queued] = (
      await collection(ctx.db, 'exports')
        .where({ status: 'queued', _id: _.nin([...skipped]) })
        .orderBy('requestedAt', 'asc')
        .limit(1)
        .get()
    ).data;
    const stale = queued
      ? undefined
      : (
          await collection(ctx.db, 'exports')
            .where({ status: 'running', startedAt: _.lt(ctx.now - STALE_RUN_MS), _id: _.nin([...skipped]) })
            .orderBy('requestedAt', 'asc')
            .limit(1)
            .get()
        ).data[0];
    const next = queued ?? stale;
    if (!next) break;
    const make = makers[next.kind];
    if (!make) {
      skipped.add(next._id);
      continue;
    }
    const job: ExportDoc = { ...next, status: 'running', startedAt: ctx.now, version: next.version + 1 };
    if (!(await claim(ctx, job, next))) continue;
    const done = await run(ctx, job, make);
    ran += 1;
    if (done.status !== 'done') failed += 1;
  }
  return { ran, failed };
}

/** How much a call makes on the spot (EXPORT_SYNC_LIMIT overrides the default, for every kind). */
export function syncLimit(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.EXPORT_SYNC_LIMIT);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
