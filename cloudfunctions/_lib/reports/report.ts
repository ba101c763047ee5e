import type {
  FileJobView,
  PublicOpinionReportItem,
  PublicOpinionReportsView,
} from '../../../miniprogram/core/api';
import {
  addDays,
  chinaDate,
  chinaDateTime,
  daysBetween,
  endOfChinaDay,
  startOfChinaDay,
  validatePeriod,
  type Period,
} from '../../../miniprogram/core/china-time';
import { namedPeriod } from '../../../miniprogram/core/figures';
import { templateData, TEMPLATES } from '../../../miniprogram/core/notifications';
import { invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { exportId, requestFile, syncLimit, type FileMaker } from '../files';
import { newJob, queueAndDeliver } from '../outbox';
import {
  byIds,
  collection,
  duplicateIndex,
  getById,
  readAll,
  requireOffice,
  type ActionContext,
  type OpinionReportDoc,
  type UserDoc,
} from '../platform';
import { reportContent } from './content';
import { periodTitle, writeReport } from './opinion-pdf';

/**
 * 民情专报: made on request for any period (`office.publicOpinionReport`) and for each quarter by the
 * office function's timer `reports` (00:30 on the first day of the next quarter). Either way it is a
 * file job (files/): made during the call when the period's cases are few, by the `exports` timer
 * otherwise; the quarter's is always a job, and once its file is made the office is told (the
 * report's own outbox, checked after every `exports` run).
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
  const quarterly = await byIds(
    ctx.db,
    'opinion_reports',
    data.map((d) => `q${String(d.params.from)}`),
  );
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
    const q = quarterly.get(`q${from}`);
    return {
      id: d._id,
      from,
      to,
      name: d.name,
      status: d.status,
      pages: d.count,
      requestedAt: d.requestedAt,
      madeAt: d.status === 'done' ? d.finishedAt : null,
      quarterly: q !== undefined && q.to === to,
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
 * The office function's timer `reports`: asks for the last quarter's report as a job, once per
 * quarter (a second firing finds the quarter's document and asks nothing).
 */
export async function quarterlyReport(ctx: ActionContext): Promise<{ quarter: string; requested: boolean }> {
  const period = lastQuarter(ctx.now);
  const id = `q${period.from}`;
  if (await getById(ctx.db, 'opinion_reports', id)) return { quarter: period.from, requested: false };
  const job = await request(ctx, period, await casesIn(ctx, period), 0);
  if (isFailure(job)) throw new Error(`${job.code} ${job.message}`);
  const doc: OpinionReportDoc = {
    _id: id,
    ...period,
    exportId: exportId('opinion_report', { from: period.from, to: period.to }),
    requestedAt: ctx.now,
    notifiedAt: null,
    outbox: [],
    outboxDueAt: null,
    outboxRev: 0,
  };
  try {
    await collection(ctx.db, 'opinion_reports').add(doc);
  } catch (error) {
    if (duplicateIndex(error) === null) throw error;
    return { quarter: period.from, requested: false };
  }
  return { quarter: period.from, requested: true };
}

/**
 * After the `exports` timer's jobs: tells the office of every quarterly report whose file is now
 * made (one message to each office account, in the report's outbox), and asks again for one whose
 * making failed.
 */
export async function notifyReadyReports(ctx: ActionContext): Promise<{ notified: number }> {
  const { data } = await collection(ctx.db, 'opinion_reports').where({ notifiedAt: null }).limit(20).get();
  if (data.length === 0) return { notified: 0 };
  let notified = 0;
  let office: Array<Pick<UserDoc, '_id' | 'openid'>> | null = null;
  for (const report of data) {
    const job = await getById(ctx.db, 'exports', report.exportId);
    if (job?.status === 'failed' || !job) {
      await request(ctx, report, await casesIn(ctx, report), 0);
      continue;
    }
    if (job.status !== 'done') continue;
    office ??=
      (await readAll<'users', Pick<UserDoc, '_id' | 'openid'>>(
        ctx.db,
        'users',
        { 'roles.role': 'office' },
        { max: 1000, fields: { openid: true } },
      )) ?? [];
    const title = periodTitle(report.from, report.to);
    const data = templateData(TEMPLATES.caseProgress.keys, {
      caseNo: `${report.from.slice(0, 4)}Q${Math.floor(Number(report.from.slice(5, 7)) / 3) + 1}`,
      status: '已生成',
      note: `${title}民情专报已生成`,
      time: chinaDateTime(ctx.now),
    });
    const jobs = office.map((user) =>
      newJob({
        ownerId: report._id,
        seq: 1,
        recipient: `office-${user._id}`,
        template: 'caseProgress',
        to: user.openid,
        data,
        now: ctx.now,
        page: 'pages/office/classes/index?tab=reports',
      }),
    );
    if (
      await queueAndDeliver(
        ctx,
        'opinion_reports',
        report,
        { notifiedAt: null },
        { notifiedAt: ctx.now },
        jobs,
      )
    )
      notified += 1;
  }
  if (notified > 0) console.log(`[reports] office told of ${notified} quarterly report(s)`);
  return { notified };
}
