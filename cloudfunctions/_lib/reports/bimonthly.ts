import type { BimonthlyReportItem, BimonthlyReportsView, FileJobView } from '../../../miniprogram/core/api';
import {
  previousBimonth,
  REPORT_FORMATS,
  validateBimonthlyRequest,
  type BimonthlyRequest,
  type ReportFormat,
} from '../../../miniprogram/core/bimonthly';
import { chinaDate } from '../../../miniprogram/core/china-time';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { exportId, requestFile, syncLimit, type FileMaker } from '../files';
import { collection, requireOffice, type ActionContext } from '../platform';
import {
  announceReadyReports,
  markScheduled,
  type Announcer,
  type ReportKinds,
  type Retrier,
} from './announce';
import { announceOpinionReport, retryOpinionReport } from './report';
import { bimonthlyData } from './data';
import { writeBimonthlyPdf } from './bimonthly-pdf';
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
        scheduled: doc.scheduled === true || typeof doc.announcedAt === 'number',
      },
    ];
  });
  reports.sort(
    (a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || a.format.localeCompare(b.format),
  );
  return { reports };
}

/** What the office is told when a period's report is made: the PDF tells, the .xlsx goes with it. */
export const announceBimonthly: Announcer = (doc) => {
  const { from, to, format } = doc.params as Partial<ReportParams>;
  if (format !== 'pdf' || typeof from !== 'string' || typeof to !== 'string') return null;
  return {
    caseNo: `${from.replace(/-/g, '')}-${to.replace(/-/g, '')}`,
    status: '报告已生成',
    note: '双月反馈已生成，请查收',
    page: REPORT_READY_PAGE,
  };
};

/** A scheduled report whose making failed is asked for again, as a job for the `exports` timer. */
export const retryBimonthly: Retrier = (doc, ctx) => {
  const params = doc.params as unknown as ReportParams;
  return requestReport(ctx, { from: params.from, to: params.to, format: params.format }, 0);
};

/**
 * The timer `bimonthly`: the report of the two months before the current ones, in both formats,
 * made now (a timer has a minute), marked scheduled, and the office told once (announce.ts).
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
  const ids = REPORT_FORMATS.map((format) => exportId('bimonthly', { ...period, format }));
  await markScheduled(ctx, ids);
  const { announced } = await announceReadyReports(ctx, REPORT_KINDS, ids);
  return { ...period, made, announced: announced > 0 };
}

/** Every scheduled report's message and retry (the office function's `exports` timer uses it too). */
export const REPORT_KINDS: ReportKinds = {
  announce: { bimonthly: announceBimonthly, opinion_report: announceOpinionReport },
  retry: { bimonthly: retryBimonthly, opinion_report: retryOpinionReport },
};

/** After the `exports` timer's jobs: tells the office of every scheduled report now made. */
export const announceReports = (ctx: ActionContext) => announceReadyReports(ctx, REPORT_KINDS);
