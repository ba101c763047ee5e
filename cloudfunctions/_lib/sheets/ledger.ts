import type { FileJobView, LedgerScope } from '../../../miniprogram/core/api';
import {
  chinaDateTime,
  daysBetween,
  endOfChinaDay,
  startOfChinaDay,
  validatePeriod,
} from '../../../miniprogram/core/china-time';
import {
  CASE_CHANNEL_LABELS,
  CASE_KIND_LABELS,
  CASE_KINDS,
  type CaseChannel,
  type CaseKind,
} from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requestFile, syncLimit, type FileMaker } from '../files';
import { collection, readAll, requireAccountsReader, type ActionContext, type Db } from '../platform';
import { caseFigures, type CaseScope } from '../figures';
import {
  casesInPeriod,
  LEDGER_COLUMNS,
  ledgerRow,
  ledgerSummary,
  type DueDates,
  type LedgerNames,
} from './ledger-rows';
import { streamingWorkbook } from './workbook';

/**
 * 台账: the cases created in a period, one row each, with a summary sheet, as the office files it
 * (and Fuzhou's stations send it to the 代表工委 every two months). The office may take any scope;
 * station staff their own stations only. Written as it is read (sheets/workbook.ts), so its size
 * is bounded by storage, not by the function's memory.
 */

/** Rows made during the call; a bigger ledger is a job (files/). A few seconds' work. */
const SYNC_ROWS = 5000;
/** The longest period one ledger covers. */
const MAX_DAYS = 5 * 366;
/** Names of deputies, stations and units: a district has thousands, a province tens of thousands. */
const MAX_NAMES = 50_000;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What a ledger holds: its period and scope, with staff limited to their stations. Its job's key. */
export interface LedgerParams extends CaseScope {
  from: string;
  to: string;
}

function parseScope(
  input: Record<string, unknown>,
): Required<{ [K in keyof LedgerScope]: LedgerScope[K] | null }> | Failure {
  const fields: Record<string, string> = {};
  const id = (name: 'stationId' | 'deputyId' | 'unitId' | 'category', message: string): string | null => {
    const value = input[name];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string' && ID.test(value)) return value;
    fields[name] = message;
    return null;
  };
  const scope = {
    stationId: id('stationId', '联络站无效'),
    deputyId: id('deputyId', '代表无效'),
    unitId: id('unitId', '承办单位无效'),
    category: id('category', '类别无效'),
    channel: null as CaseChannel | null,
    kind: null as CaseKind | null,
  };
  if (input.channel !== undefined && input.channel !== null && input.channel !== '') {
    if (Object.prototype.hasOwnProperty.call(CASE_CHANNEL_LABELS, String(input.channel)))
      scope.channel = input.channel as CaseChannel;
    else fields.channel = '渠道无效';
  }
  if (input.kind !== undefined && input.kind !== null && input.kind !== '') {
    if (CASE_KINDS.includes(input.kind as CaseKind)) scope.kind = input.kind as CaseKind;
    else fields.kind = '类型无效';
  }
  return Object.keys(fields).length > 0 ? invalid(fields) : scope;
}

/** The database condition for a ledger's cases, besides the period. */
function scopeWhere(db: Db, params: LedgerParams): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (params.stationIds)
    where.stationId =
      params.stationIds.length === 1 ? params.stationIds[0] : db.command.in(params.stationIds);
  if (params.deputyId) where.deputyId = params.deputyId;
  if (params.unitId) where.unitId = params.unitId;
  if (params.category) where.category = params.category;
  if (params.channel) where.channel = params.channel;
  if (params.kind) where.kind = params.kind;
  return where;
}

/** `office.ledger`, `station.ledger`: the ledger's file, or its job's progress. */
export async function ledger(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FileJobView | Failure> {
  const reader = await requireAccountsReader(ctx, '导出台账');
  if (isFailure(reader)) return reader;
  const period = validatePeriod(input);
  if (!period.ok) return period;
  const { from, to } = period.data;
  if (daysBetween(from, to) > MAX_DAYS) return invalid({ to: '台账时段最长五年' });
  const scope = parseScope(input);
  if (isFailure(scope)) return scope;

  let stationIds: string[] | null = scope.stationId ? [scope.stationId] : null;
  if (!reader.office) {
    if (scope.stationId && !reader.stationIds.includes(scope.stationId))
      return fail('AUTH.FORBIDDEN', '只能导出本联络站的台账');
    stationIds = stationIds ?? [...reader.stationIds].sort();
  }
  const params: LedgerParams = {
    from,
    to,
    stationIds,
    deputyId: scope.deputyId,
    unitId: scope.unitId,
    category: scope.category,
    channel: scope.channel,
    kind: scope.kind,
  };
  const _ = ctx.db.command;
  const { total } = await collection(ctx.db, 'cases')
    .where({
      ...scopeWhere(ctx.db, params),
      createdAt: _.gte(startOfChinaDay(from)).and(_.lte(endOfChinaDay(to))),
    })
    .count();
  return requestFile(ctx, {
    kind: 'ledger',
    params: { ...params },
    name: `台账_${from}_${to}.xlsx`,
    ext: 'xlsx',
    total,
    syncLimit: syncLimit(SYNC_ROWS),
    make: ledgerFile,
  });
}

async function names<N extends 'deputies' | 'stations' | 'departments'>(db: Db, name: N) {
  const docs = await readAll<N, { _id: string; name: string }>(
    db,
    name,
    {},
    {
      max: MAX_NAMES,
      fields: { name: true },
    },
  );
  if (!docs) throw new Error(`more than ${MAX_NAMES} ${name} to name in a ledger`);
  return new Map(docs.map((d) => [d._id, d.name]));
}

/** Writes the ledger of `params` (LedgerParams) to an .xlsx at `outPath`. */
export const ledgerFile: FileMaker = async (raw, ctx, outPath) => {
  const params = raw as unknown as LedgerParams;
  const [deputies, stations, units] = await Promise.all([
    names(ctx.db, 'deputies'),
    names(ctx.db, 'stations'),
    names(ctx.db, 'departments'),
  ]);
  const lookup: LedgerNames = { deputies, stations, units };
  const book = streamingWorkbook(outPath);
  // Added first so that it opens first; filled in once the rows are counted.
  const summary = book.pairs('汇总');
  const table = book.table('台账', LEDGER_COLUMNS);
  let rows = 0;
  const dueDates: DueDates = new Map();
  for await (const page of casesInPeriod(ctx.db, scopeWhere(ctx.db, params), params)) {
    for (const c of page) {
      table.row(ledgerRow(c, lookup, ctx.now, dueDates));
      rows += 1;
    }
  }
  table.end();
  const { total: figures } = await caseFigures(ctx.db, {
    period: { from: params.from, to: params.to },
    scope: { ...params },
    groupBy: null,
    now: ctx.now,
  });
  const scope = [
    params.stationIds ? params.stationIds.map((id) => stations.get(id) ?? id).join('、') : '全部联络站',
    params.deputyId ? `代表：${deputies.get(params.deputyId) ?? params.deputyId}` : null,
    params.unitId ? `承办单位：${units.get(params.unitId) ?? params.unitId}` : null,
    params.category ? `类别：${params.category}` : null,
    params.channel ? `渠道：${CASE_CHANNEL_LABELS[params.channel]}` : null,
    params.kind ? `类型：${CASE_KIND_LABELS[params.kind]}` : null,
  ].filter((part): part is string => part !== null);
  summary.write(`台账 ${params.from} 至 ${params.to}`, [
    ['范围', scope.join('；')],
    ['受理日期', `${params.from} 至 ${params.to}`],
    ['生成时间', chinaDateTime(ctx.now)],
    ...ledgerSummary(figures),
  ]);
  await book.close();
  return { count: rows };
};
