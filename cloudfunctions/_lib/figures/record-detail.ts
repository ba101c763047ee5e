import type {
  DeputyRecordDetailView,
  RecordCaseList,
  RecordDayList,
} from '../../../miniprogram/core/api-accounts';
import {
  chinaYear,
  daysBetween,
  validatePeriod,
  yearPeriod,
  type Period,
} from '../../../miniprogram/core/china-time';
import { deputyRecordEvents, type RecordCase, type RecordDay } from '../../../miniprogram/core/deputy-record';
import { MAX_FIGURES_DAYS } from '../../../miniprogram/core/figures';
import { ROUTE_KINDS, type RouteKind } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import {
  byIds,
  getById,
  requireAccountsReader,
  requireOffice,
  type ActionContext,
  type DeputyDoc,
} from '../platform';
import { receptionAttendance, recordCases, recordView } from './deputy-record';

/**
 * 履职档案 for the office and station staff: a deputy's record for a period, as `deputy.record`
 * computes it, with the events behind each number — the cases (受理编号) each count counted and the
 * reception days behind the attendance. Each case list shows the newest `RECORD_EVENTS_SHOWN`; its
 * `total` is always the figure.
 */

/** The most cases one figure's list shows (its total is still the whole figure). */
export const RECORD_EVENTS_SHOWN = 100;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The deputy id and period asked for (default: this year), or the fields that are wrong. */
function parseRecordRequest(
  input: Record<string, unknown>,
  now: number,
): { deputyId: string; period: Period } | Failure {
  const fields: Record<string, string> = {};
  const deputyId = typeof input.deputyId === 'string' && ID.test(input.deputyId) ? input.deputyId : null;
  if (!deputyId) fields.deputyId = '请选择代表';
  let period: Period = yearPeriod(chinaYear(now));
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (given(input.from) || given(input.to)) {
    const dates = validatePeriod(input);
    if (!dates.ok) Object.assign(fields, dates.fields);
    else if (daysBetween(dates.data.from, dates.data.to) > MAX_FIGURES_DAYS) fields.to = '统计时段最长十年';
    else period = dates.data;
  }
  if (!deputyId || Object.keys(fields).length > 0) return invalid(fields);
  return { deputyId, period };
}

function caseList(ids: readonly string[], cases: Map<string, RecordCase>): RecordCaseList {
  const listed = ids
    .flatMap((id) => {
      const c = cases.get(id);
      return c ? [{ caseId: c.id, caseNo: c.caseNo ?? '', createdAt: c.createdAt }] : [];
    })
    .sort((a, b) => b.createdAt - a.createdAt || (a.caseNo < b.caseNo ? 1 : -1));
  return {
    total: ids.length,
    cases: listed.slice(0, RECORD_EVENTS_SHOWN),
    more: ids.length > RECORD_EVENTS_SHOWN,
  };
}

function dayList(days: readonly RecordDay[], stationNames: Map<string, string>): RecordDayList {
  return {
    total: days.length,
    days: [...days]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((d) => ({ ...d, stationName: stationNames.get(d.stationId) ?? d.stationId })),
  };
}

async function detail(
  ctx: ActionContext,
  deputy: DeputyDoc,
  period: Period,
): Promise<DeputyRecordDetailView | Failure> {
  const [cases, attendance] = await Promise.all([
    recordCases(ctx.db, deputy, period),
    receptionAttendance(ctx.db, deputy._id, period),
  ]);
  if (isFailure(cases)) return cases;
  const { figures, evidence } = deputyRecordEvents({
    deputyId: deputy._id,
    cases,
    attendance,
    period,
    calendar: officialCalendar,
  });
  const byId = new Map(cases.map((c) => [c.id, c]));
  const stationIds = [
    ...(deputy.stationId ? [deputy.stationId] : []),
    ...evidence.receptionDaysRostered.map((d) => d.stationId),
  ];
  const stations = new Map([...(await byIds(ctx.db, 'stations', stationIds))].map(([id, s]) => [id, s.name]));
  const list = (ids: readonly string[]) => caseList(ids, byId);
  return {
    ...recordView(deputy, figures),
    stationName: deputy.stationId ? (stations.get(deputy.stationId) ?? null) : null,
    events: {
      received: list(evidence.received),
      accepted: list(evidence.accepted),
      routed: Object.fromEntries(ROUTE_KINDS.map((k) => [k, list(evidence.routed[k])])) as Record<
        RouteKind,
        RecordCaseList
      >,
      answered: list(evidence.answered),
      explained: list(evidence.explained),
      answeredOnTime: list(evidence.answeredOnTime),
      answeredLate: list(evidence.answeredLate),
      satisfied: list(evidence.satisfied),
      basicallySatisfied: list(evidence.basicallySatisfied),
      unsatisfied: list(evidence.unsatisfied),
      receptionDaysRostered: dayList(evidence.receptionDaysRostered, stations),
      receptionDaysAttended: dayList(evidence.receptionDaysAttended, stations),
    },
  };
}

const NO_DEPUTY = () => fail('NOT_FOUND', '没有找到这位代表');

/** `office.deputyRecord`: any deputy's record, retired ones included. */
export async function officeDeputyRecord(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<DeputyRecordDetailView | Failure> {
  const office = await requireOffice(ctx, '查看代表履职档案');
  if (isFailure(office)) return office;
  const request = parseRecordRequest(input, ctx.now);
  if (isFailure(request)) return request;
  const deputy = await getById(ctx.db, 'deputies', request.deputyId);
  if (!deputy) return NO_DEPUTY();
  return detail(ctx, deputy, request.period);
}

/**
 * `station.deputyRecord`: the record of a deputy of the caller's stations; another station's deputy
 * is NOT_FOUND, as one that does not exist. The office may read any.
 */
export async function stationDeputyRecord(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<DeputyRecordDetailView | Failure> {
  const reader = await requireAccountsReader(ctx, '查看代表履职档案');
  if (isFailure(reader)) return reader;
  const request = parseRecordRequest(input, ctx.now);
  if (isFailure(request)) return request;
  const deputy = await getById(ctx.db, 'deputies', request.deputyId);
  if (!deputy) return NO_DEPUTY();
  if (!reader.office && !(deputy.stationId && reader.stationIds.includes(deputy.stationId)))
    return NO_DEPUTY();
  return detail(ctx, deputy, request.period);
}
