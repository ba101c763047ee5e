import type { BimonthlyReportItem, BimonthlyReportsView, FileJobView } from '../../../miniprogram/core/api';
import {
  previousBimonth,
  REPORT_FORMATS,
  validateBimonthlyRequest,
  type BimonthlyRequest,
  type ReportFormat,
} from '../../../miniprogram/core/bimonthly';
import { chinaDate } from '../../../miniprogram/core/china-time';
import { TEMPLATES, templateData } from '../../../miniprogram/core/notifications';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { exportId, requestFile, syncLimit, type FileMaker } from '../files';
import { newJob, queueAndDeliver } from '../outbox';
import { collection, getById, requireOffice, type ActionContext, type ExportDoc } from '../platform';
import { bimonthlyData } from './data';
import { writeBimonthlyPdf } from './pdf';
import { writeBimonthlyXlsx } from './xlsx';

/**
 * 双月反馈 (Fuzhou): every two months the 代表工委 receives a report of the stations' work. The
 * timer `bimonthly` (office function, 01:00 on the first day of January, March, May, …) makes the
 * report of the two months just ended, as a PDF and an .xlsx, and tells the office's accounts by
 * subscribe message; the office may ask for any period with `office.bimonthlyReport`. Both go
 * through the files area: one `exports` document per period and format, so a retried request or a
 * second timer run finds the same job and the same file.
 */

/** What a message about a ready report opens: the home screen, where the office's entries are. */
export const REPORT_READY_PAGE = 'pages/home/index';

/** Reports made during the call: one report is a few aggregations and two short lists. */
const SYNC_REPORTS = 1;

interface ReportParams {
  from: string;
  to: string;
  format: ReportFormat;
}

const paramsOf = (request: BimonthlyRequest): ReportParams => ({
  from: request.from,
  to: request.to,
  format: request.format,
});

/** Writes the report of `params` (ReportParams) to `outPath`: a PDF's pages or an .xlsx's sheets. */
export const bimonthlyFile: FileMaker = async (raw, ctx, outPath) => {
  const params = raw as unknown as ReportParams;
  const data = await bimonthlyData(ctx.db, { from: params.from, to: params.to }, ctx.now);
  const count =
    params.format === 'xlsx'
      ? await writeBimonthlyXlsx(data, outPath)
      : await writeBimonthlyPdf(data, outPath);
  return { count };
};

function requestReport(ctx: ActionContext, request: BimonthlyRequest, limit: number) {
  const params = paramsOf(request);
  return requestFile(ctx, {
    kind: 'bimonthly',
    params: { ...params },
    name: `双月反馈_${params.from}_${params.to}.${params.format}`,
    ext: params.format,
    total: 1,
    syncLimit: limit,
    make: bimonthlyFile,
  });
}

/** `office.bimonthlyReport`: the report of a period, as a PDF (default) or an .xlsx. */
export async function bimonthlyReport(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FileJobView | Failure> {
  const office = await requireOffice(ctx, '生成双月反馈');
  if (isFailure(office)) return office;
  const request = validateBimonthlyRequest(input);
  if (!request.ok) return request;
  return requestReport(ctx, request.data, syncLimit(SYNC_REPORTS));
}

/** The most reports listed: eight years of two-month periods, in both formats. */
const LIST_LIMIT = 100;

/** `office.bimonthlyReports`: the reports made so far, the latest period first. */
export async function bimonthlyReports(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<BimonthlyReportsView | Failure> {
  const office = await requireOffice(ctx, '查看双月反馈');
  if (isFailure(office)) return office;
  const { data } = await collection(ctx.db, 'exports')
    .where({ kind: 'bimonthly', status: 'done' })
    .limit(LIST_LIMIT)
    .get();
  const reports = data.flatMap((doc): BimonthlyReportItem[] => {
    const { from, to, format } = doc.params as Partial<ReportParams>;
    if (typeof from !== 'string' || typeof to !== 'string' || !format || !doc.fileID) return [];
    return [
      {
        from,
        to,
        format,
        name: doc.name,
        fileID: doc.fileID,
        madeAt: doc.finishedAt ?? doc.requestedAt,
        scheduled: typeof doc.announcedAt === 'number',
      },
    ];
  });
  reports.sort(
    (a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || a.format.localeCompare(b.format),
  );
  return { reports };
}

async function officeOpenids(ctx: ActionContext): Promise<string[]> {
  const { data } = await collection(ctx.db, 'users')
    .where({ roles: ctx.db.command.elemMatch({ role: 'office' }) })
    .limit(20)
    .get();
  return data.map((u) => u.openid).filter(Boolean);
}

/**
 * Tells the office that the period's report is ready: one message per office account, queued on
 * the PDF's `exports` document in the same update that marks it announced, so a second timer run
 * tells no one twice.
 */
async function announce(ctx: ActionContext, doc: ExportDoc, period: { from: string; to: string }) {
  const seq = Number(period.to.replace(/-/g, ''));
  const jobs = (await officeOpenids(ctx)).map((to, i) =>
    newJob({
      ownerId: doc._id,
      seq,
      recipient: `office-${i}`,
      template: 'caseProgress',
      to,
      data: templateData(TEMPLATES.caseProgress.keys, {
        caseNo: `${period.from.replace(/-/g, '')}-${period.to.replace(/-/g, '')}`,
        status: '报告已生成',
        note: '双月反馈已生成，请查收',
        time: `${period.to.slice(0, 4)}年${Number(period.to.slice(5, 7))}月${Number(period.to.slice(8))}日`,
      }),
      now: ctx.now,
      page: REPORT_READY_PAGE,
    }),
  );
  const owner = { _id: doc._id, outbox: doc.outbox ?? [] };
  const _ = ctx.db.command;
  return queueAndDeliver(ctx, 'exports', owner, { announcedAt: _.eq(null) }, { announcedAt: ctx.now }, jobs);
}

/**
 * The timer `bimonthly`: the report of the two months before the current ones, in both formats,
 * made now (a timer has a minute), and the office told once.
 */
export async function sweepBimonthly(
  ctx: ActionContext,
): Promise<{ from: string; to: string; made: number; announced: boolean }> {
  const period = previousBimonth(chinaDate(ctx.now));
  let made = 0;
  for (const format of REPORT_FORMATS) {
    const view = await requestReport(ctx, { ...period, format }, SYNC_REPORTS);
    if (!isFailure(view) && view.status === 'done') made += 1;
  }
  const pdf = await getById(ctx.db, 'exports', exportId('bimonthly', { ...period, format: 'pdf' }));
  const announced = pdf?.status === 'done' && !pdf.announcedAt ? await announce(ctx, pdf, period) : false;
  if (announced) {
    // The .xlsx goes with it: both are the period's scheduled report.
    const _ = ctx.db.command;
    await collection(ctx.db, 'exports')
      .where({ _id: exportId('bimonthly', { ...period, format: 'xlsx' }), announcedAt: _.eq(null) })
      .update({ announcedAt: ctx.now });
  }
  return { ...period, made, announced };
}
