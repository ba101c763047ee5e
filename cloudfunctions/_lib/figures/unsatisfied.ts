import type {
  UnsatisfiedItem,
  UnsatisfiedNext,
  UnsatisfiedView,
} from '../../../miniprogram/core/api-accounts';
import { chinaDate, daysBetween } from '../../../miniprogram/core/china-time';
import { CASE_KIND_LABELS } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { hidePhones, maskPhone, truncate } from '../../../miniprogram/core/text';
import {
  byIds,
  readAll,
  requireAccountsReader,
  requireOffice,
  type ActionContext,
  type CaseDoc,
  type Db,
} from '../platform';

/**
 * 待处理的不满意: the answers residents rated 不满意 that nobody has yet sent back (发回重办) or put
 * under supervision (督办). Such a case stays `answered` with `rating: 'unsatisfied'` until someone
 * chooses (core/lifecycle-table.ts); either choice moves it to `in_progress`, so it leaves the list.
 * Oldest rating first: the longest waiting at the top. Read over the `status_answeredAt` index (or
 * a station's `stationId_status_createdAt`); the list is short by nature, so it is read whole (up to
 * `UNSATISFIED_MAX`), sorted by the rating's time and paged.
 */

/**
 * "Waiting" (待处理), the one definition: rated 不满意 and still `answered`, so nobody has yet chosen
 * 发回重办 or 督办 (either clears the rating and reopens the case). `office.unsatisfied` and
 * `station.unsatisfied` list these; the 双月反馈 lists those of its period and marks them
 * 待发回重办或督办. The condition as the database reads it.
 */
export const WAITING_UNSATISFIED = { status: 'answered', rating: 'unsatisfied' } as const;

/** The same definition, for a case already read. */
export function isWaitingUnsatisfied(c: Pick<CaseDoc, 'status' | 'rating'>): boolean {
  return c.status === WAITING_UNSATISFIED.status && c.rating === WAITING_UNSATISFIED.rating;
}

/** The most waiting answers one list reads (a district has a few dozen at a time). */
const UNSATISFIED_MAX = 5_000;

const MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 20;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Fields = Pick<
  CaseDoc,
  | '_id'
  | 'caseNo'
  | 'kind'
  | 'categoryName'
  | 'description'
  | 'deputyId'
  | 'stationId'
  | 'unitId'
  | 'answeredAt'
  | 'outcome'
  | 'anonymous'
  | 'phone'
  | 'supervised'
  | 'events'
>;

interface Request {
  page: number;
  pageSize: number;
  stationId: string | null;
}

function parse(input: Record<string, unknown>): Request | Failure {
  const fields: Record<string, string> = {};
  const whole = (value: unknown, fallback: number, max: number, message: string, name: string) => {
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
    fields[name] = message;
    return fallback;
  };
  const page = whole(input.page, 1, 100_000, '页码应为正整数', 'page');
  const pageSize = whole(
    input.pageSize,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    `每页 1 至 ${MAX_PAGE_SIZE} 条`,
    'pageSize',
  );
  let stationId: string | null = null;
  if (input.stationId !== undefined && input.stationId !== null && input.stationId !== '') {
    if (typeof input.stationId === 'string' && ID.test(input.stationId)) stationId = input.stationId;
    else fields.stationId = '联络站无效';
  }
  return Object.keys(fields).length > 0 ? invalid(fields) : { page, pageSize, stationId };
}

/** Who raised it, as a ledger shows it: never a name, a phone number only masked. */
const residentOf = (c: Fields): string =>
  c.anonymous ? '匿名' : c.phone ? (maskPhone(c.phone) ?? '未留电话') : '未留电话';

async function list(
  db: Db,
  now: number,
  request: Request,
  stationIds: string[] | null,
): Promise<UnsatisfiedView | Failure> {
  const _ = db.command;
  const docs = await readAll<'cases', Fields>(
    db,
    'cases',
    {
      ...(stationIds ? { stationId: stationIds.length === 1 ? stationIds[0] : _.in(stationIds) } : {}),
      ...WAITING_UNSATISFIED,
    },
    {
      max: UNSATISFIED_MAX,
      fields: {
        caseNo: true,
        kind: true,
        categoryName: true,
        description: true,
        deputyId: true,
        stationId: true,
        unitId: true,
        answeredAt: true,
        outcome: true,
        anonymous: true,
        phone: true,
        supervised: true,
        'events.type': true,
        'events.at': true,
        'events.note': true,
      },
    },
  );
  if (!docs) {
    console.error(`[unsatisfied] more than ${UNSATISFIED_MAX} unsatisfied answers waiting`);
    return fail('INTERNAL', '待处理的不满意太多，暂时无法列出，请联系技术支持');
  }
  const waiting = docs.map((doc) => {
    const rated = [...(doc.events ?? [])].reverse().find((e) => e.type === 'rated');
    return { doc, ratedAt: rated?.at ?? doc.answeredAt ?? 0, comment: rated?.note ?? '' };
  });
  waiting.sort((a, b) => a.ratedAt - b.ratedAt || (a.doc.caseNo < b.doc.caseNo ? -1 : 1));
  const shown = waiting.slice((request.page - 1) * request.pageSize, request.page * request.pageSize);
  const ids = (pick: (doc: Fields) => string | null | undefined) =>
    shown.flatMap(({ doc }) => {
      const id = pick(doc);
      return id ? [id] : [];
    });
  const [deputies, stations, units] = await Promise.all([
    byIds(
      db,
      'deputies',
      ids((d) => d.deputyId),
    ),
    byIds(
      db,
      'stations',
      ids((d) => d.stationId),
    ),
    byIds(
      db,
      'departments',
      ids((d) => d.unitId),
    ),
  ]);
  const named = (id: string | null | undefined, names: Map<string, { name: string }>) =>
    id ? { id, name: names.get(id)?.name ?? id } : null;
  const items: UnsatisfiedItem[] = shown.map(({ doc, ratedAt, comment }) => {
    const next: UnsatisfiedNext[] = doc.supervised ? ['redo'] : ['redo', 'supervise'];
    return {
      caseId: doc._id,
      caseNo: doc.caseNo,
      kindLabel: CASE_KIND_LABELS[doc.kind],
      categoryName: doc.categoryName,
      summary: truncate(hidePhones(doc.description ?? ''), 60),
      deputy: named(doc.deputyId, deputies),
      station: named(doc.stationId, stations),
      unit: named(doc.unitId, units),
      answeredAt: doc.answeredAt ?? null,
      outcome: doc.outcome ?? null,
      ratedAt,
      waitingDays: Math.max(0, daysBetween(chinaDate(ratedAt), chinaDate(now))),
      comment: hidePhones(comment ?? ''),
      resident: residentOf(doc),
      next,
    };
  });
  return { page: request.page, pageSize: request.pageSize, total: waiting.length, items, stationIds };
}

/** `office.unsatisfied`: every station's waiting unsatisfied answers (or the one named). */
export async function officeUnsatisfied(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<UnsatisfiedView | Failure> {
  const office = await requireOffice(ctx, '查看待处理的不满意');
  if (isFailure(office)) return office;
  const request = parse(input);
  if (isFailure(request)) return request;
  return list(ctx.db, ctx.now, request, request.stationId ? [request.stationId] : null);
}

/** `station.unsatisfied`: the caller's stations' share (one named, or all); the office may name any. */
export async function stationUnsatisfied(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<UnsatisfiedView | Failure> {
  const reader = await requireAccountsReader(ctx, '查看待处理的不满意');
  if (isFailure(reader)) return reader;
  const request = parse(input);
  if (isFailure(request)) return request;
  const asked = request.stationId;
  if (reader.office) return list(ctx.db, ctx.now, request, asked ? [asked] : null);
  if (asked && !reader.stationIds.includes(asked)) return fail('AUTH.FORBIDDEN', '只能查看本联络站的不满意');
  return list(ctx.db, ctx.now, request, asked ? [asked] : [...reader.stationIds].sort());
}
