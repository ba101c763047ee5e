import type {
  FileJobView,
  PublicOpinionReportItem,
  PublicOpinionReportsView,
} from '../../../miniprogram/core/api';
import {
  addDays,
  chinaDate,
  daysBetween,
  endOfChinaDay,
  startOfChinaDay,
  validatePeriod,
  type Period,
} from '../../../miniprogram/core/china-time';
import { namedPeriod } from '../../../miniprogram/core/figures';
import { invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { exportId, requestFile, syncLimit, type FileMaker } from '../files';
import { collection, getById, requireOffice, type ActionContext } from '../platform';
import { announceReadyReports, markScheduled, type Announcer, type Retrier } from './announce';
import { reportContent } from './content';
import { periodTitle, writeReport } from './opinion-pdf';

/**
 * 民情专报: made on request for any period (`office.publicOpinionReport`) and for each quarter by the
 * office function's timer `reports` (00:30 on the first day of the next quarter). Either way it is a
 * file job (files/): made during the call when the period's cases are few, by the `exports` timer
 * otherwise; the quarter's is always a job, marked scheduled, and once its file is made the office
 * is told through its `exports` document's outbox (announce.ts, checked after every `exports` run).
 */

/** Cases grouped during a call; a period with more is made by the timer. */
const SYNC_CASES = 3000;
const MAX_DAYS = 366;
const LIST_MAX = 100;
const URL_SECONDS = 3600;

const fileName = (period: Period) => `民情专报_${period.from}_${period.to}.pdf`;

/** Writes the report of `params` (`{ from, to }`) to a PDF at `outPath`. */
export const reportFile: FileMaker = async (params, ctx, outPath) => {
  const period = { from: String(params.from), to: String(params.to) };
  const content = await reportContent(ctx, period);
  if (isFailure(content)) throw new Error(`${content.code} ${content.message}`);
  return { count: await writeReport(content, outPath) };
};

async function casesIn(ctx: ActionContext, period: Period): Promise<number> {
  const _ = ctx.db.command;
  const where = { createdAt: _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to))) };
  return (await collection(ctx.db, 'cases').where(where).count()).total;
}

function request(ctx: ActionContext, period: Period, total: number, limit: number) {
  return requestFile(ctx, {
    kind: 'opinion_report',
    params: { from: period.from, to: period.to },
    name: fileName(period),
    ext: 'pdf',
    total,
    syncLimit: limit,
    make: reportFile,
  });
}

/** `office.publicOpinionReport`: the 民情专报 of `{ from, to }` as a PDF (or its job's progress). */
export async function publicOpinionReport(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FileJobView | Failure> {
  const office = await requireOffice(ctx, '生成民情专报');
  if (isFailure(office)) return office;
  const period = validatePeriod(input);
  if (!period.ok) return period;
  if (daysBetween(period.data.from, period.data.to) + 1 > MAX_DAYS)
    return invalid({ to: '时段最长一年，请缩短后再试' });
  return request(ctx, period.data, await casesIn(ctx, period.data), syncLimit(SYNC_CASES));
}

/** `office.publicOpinionReports`: the reports made and being made, newest request first. */
export async function publicOpinionReports(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<PublicOpinionReportsView | Failure> {
  const office = await requireOffice(ctx, '查看民情专报');
  if (isFailure(office)) return office;
  const { data } = await collection(ctx.db, 'exports')
    .where({ kind: 'opinion_report' })
    .orderBy('requestedAt', 'desc')
    .limit(LIST_MAX)
    .get();
  const files = data.filter((d) => d.status === 'done' && d.fileID).map((d) => d.fileID as string);
  const urls = new Map<string, string>();
  if (files.length > 0) {
    const { fileList } = await ctx.app.getTempFileURL({
      fileList: files.map((fileID) => ({ fileID, maxAge: URL_SECONDS })),
    });
    for (const f of fileList) if (f.code === 'SUCCESS') urls.set(f.fileID, f.tempFileURL);
  }
  const items: PublicOpinionReportItem[] = data.map((d) => {
    const from = String(d.params.from);
    const to = String(d.params.to);
    return {
      id: d._id,
      from,
      to,
      name: d.name,
      status: d.status,
      pages: d.count,
      requestedAt: d.requestedAt,
      madeAt: d.status === 'done' ? d.finishedAt : null,
      quarterly: d.scheduled === true,
      fileID: d.status === 'done' ? d.fileID : null,
      url: d.fileID ? (urls.get(d.fileID) ?? null) : null,
    };
  });
  return { items };
}

/** The quarter that ended last, as of the China-local date of `now`. */
export function lastQuarter(now: number): Period {
  const current = namedPeriod('quarter', chinaDate(now));
  return namedPeriod('quarter', addDays(current.from, -1));
}

/**
 * The office function's timer `reports`: asks for the last quarter's report as a job, marked
 * scheduled (announce.ts), once per quarter (a second firing finds it scheduled and asks nothing).
 */
export async function quarterlyReport(ctx: ActionContext): Promise<{ quarter: string; requested: boolean }> {
  const period = lastQuarter(ctx.now);
  const id = exportId('opinion_report', { from: period.from, to: period.to });
  if ((await getById(ctx.db, 'exports', id))?.scheduled) return { quarter: period.from, requested: false };
  const job = await request(ctx, period, await casesIn(ctx, period), 0);
  if (isFailure(job)) throw new Error(`${job.code} ${job.message}`);
  await markScheduled(ctx, [id]);
  // A quarter with few cases is made at once: told now, not after the next `exports` run.
  await announceReadyReports(ctx, { announce: { opinion_report: announceOpinionReport }, retry: {} }, [id]);
  return { quarter: period.from, requested: true };
}

/** What the office is told when a quarter's report is made. */
export const announceOpinionReport: Announcer = (doc) => {
  const from = String(doc.params.from);
  const to = String(doc.params.to);
  return {
    caseNo: `${from.slice(0, 4)}Q${Math.floor(Number(from.slice(5, 7)) / 3) + 1}`,
    status: '已生成',
    note: `${periodTitle(from, to)}民情专报已生成`,
    page: 'pages/office/classes/index?tab=reports',
  };
};

/** A scheduled report whose making failed is asked for again, as a job. */
export const retryOpinionReport: Retrier = async (doc, ctx) => {
  const period = { from: String(doc.params.from), to: String(doc.params.to) };
  return request(ctx, period, await casesIn(ctx, period), 0);
};
