import type { DeputyRecordView } from '../../../miniprogram/core/api';
import {
  chinaYear,
  endOfChinaDay,
  startOfChinaDay,
  yearPeriod,
  type Period,
} from '../../../miniprogram/core/china-time';
import {
  deputyRecord,
  type AttendanceDay,
  type DeputyRecordFigures,
  type RecordCase,
} from '../../../miniprogram/core/deputy-record';
import { DEPUTY_LEVEL_LABELS } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import {
  readAll,
  requireDeputy,
  type ActionContext,
  type CaseDoc,
  type Db,
  type DeputyDoc,
} from '../platform';

/**
 * 履职档案: a deputy's figures for a China-local calendar year, computed by core/deputy-record.ts from
 * the events of their cases and the reception-day attendance, never typed in.
 */

/** The most cases one record reads (a deputy gets a few thousand a year). */
export const RECORD_MAX_CASES = 20_000;

/** The most attendance days one read takes in (every station's days of ten years). */
const ATTENDANCE_MAX_DAYS = 50_000;

type RecordFields = Pick<
  CaseDoc,
  '_id' | 'caseNo' | 'openid' | 'deputyId' | 'createdAt' | 'clock' | 'pauses' | 'events'
>;

/** What the record reads of a case (with its 受理编号 and resident, to name the events and skip self-appeals). */
export const RECORD_FIELDS: Record<string, true> = {
  caseNo: true,
  openid: true,
  deputyId: true,
  createdAt: true,
  clock: true,
  pauses: true,
  'events.type': true,
  'events.at': true,
  'events.actor': true,
  'events.from': true,
  'events.detail': true,
};

/**
 * The cases that can hold anything of the period, among those `where` picks: created by its end and
 * changed since its start (every transition sets `updatedAt`, so a case untouched since before the
 * period has no event in it). Paged by _id, with only the fields the record needs; null when there
 * are more than `max`.
 */
export async function readRecordCases(
  db: Db,
  where: Record<string, unknown>,
  period: Period,
  max: number,
): Promise<Array<RecordCase & { openid: string }> | null> {
  const _ = db.command;
  const docs = await readAll<'cases', RecordFields>(
    db,
    'cases',
    { ...where, createdAt: _.lte(endOfChinaDay(period.to)), updatedAt: _.gte(startOfChinaDay(period.from)) },
    { max, fields: RECORD_FIELDS },
  );
  return (
    docs?.map((doc) => ({
      id: doc._id,
      caseNo: doc.caseNo,
      openid: doc.openid,
      deputyId: doc.deputyId,
      createdAt: doc.createdAt,
      clock: doc.clock ?? null,
      pauses: doc.pauses ?? [],
      events: doc.events ?? [],
    })) ?? null
  );
}

/** The deputy's cases for the record, over the deputyId index. */
export async function recordCases(
  db: Db,
  deputy: DeputyDoc,
  period: Period,
): Promise<RecordCase[] | Failure> {
  const _ = db.command;
  const deputyId = deputy._id;
  const cases = await readRecordCases(
    db,
    {
      deputyId,
      // A case whose resident is the deputy's own account (submitted before such appeals were
      // refused) would pad the record: it is not counted.
      ...(deputy.openid ? { openid: _.neq(deputy.openid) } : {}),
    },
    period,
    RECORD_MAX_CASES,
  );
  if (!cases) {
    console.error(`[deputy.record] ${deputyId}: more than ${RECORD_MAX_CASES} cases in ${period.from}…`);
    return fail('INTERNAL', '案件太多，暂时无法统计，请联系代表工委');
  }
  return cases;
}

/**
 * The reception days the deputy was on the roster for, from `reception_attendance` (one document
 * per station and reception day, shaped as core/deputy-record.ts AttendanceDay). Read defensively:
 * a document missing the fields is skipped, not trusted. One deputy's (a few dozen days a year), or
 * every deputy's when `deputyId` is null (the rankings; a district's stations hold a few thousand
 * reception days a year).
 */
export async function receptionAttendance(
  db: Db,
  deputyId: string | null,
  period: Period,
): Promise<AttendanceDay[]> {
  const _ = db.command;
  const data =
    (await readAll(
      db,
      'reception_attendance',
      { ...(deputyId ? { deputies: deputyId } : {}), date: _.gte(period.from).and(_.lte(period.to)) },
      { max: ATTENDANCE_MAX_DAYS },
    )) ?? [];
  const ids = (value: unknown): string[] | null =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  return data.flatMap((stored) => {
    const doc = stored as unknown as Record<string, unknown>;
    const deputies = ids(doc.deputies);
    if (typeof doc.stationId !== 'string' || typeof doc.date !== 'string' || !deputies) return [];
    return [
      {
        stationId: doc.stationId,
        date: doc.date,
        deputies,
        leader: typeof doc.leader === 'string' ? doc.leader : null,
        present: ids(doc.present),
      },
    ];
  });
}

/** `deputy.record`: the caller's record for a year (default: the current one). */
export async function record(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<DeputyRecordView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy } = found;
  const thisYear = chinaYear(ctx.now);
  const year = input.year === undefined || input.year === null ? thisYear : input.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > thisYear + 1)
    return invalid({ year: '请选择要查看的年份' });
  const period = yearPeriod(year);
  const [cases, attendance] = await Promise.all([
    recordCases(ctx.db, deputy, period),
    receptionAttendance(ctx.db, deputy._id, period),
  ]);
  if (isFailure(cases)) return cases;
  return recordView(
    deputy,
    deputyRecord({
      deputyId: deputy._id,
      cases,
      attendance,
      period,
      calendar: officialCalendar,
    }),
  );
}

/** The record as the screens read it. */
export function recordView(deputy: DeputyDoc, figures: DeputyRecordFigures): DeputyRecordView {
  return {
    deputy: { id: deputy._id, name: deputy.name, levelLabel: DEPUTY_LEVEL_LABELS[deputy.level] },
    period: figures.period,
    received: figures.received,
    accepted: figures.accepted,
    routed: figures.routed,
    answered: figures.answered,
    explained: figures.explained,
    answeredOnTime: figures.answeredOnTime,
    onTimeRate: figures.onTimeRate,
    rated: figures.rated,
    satisfied: figures.satisfied,
    basicallySatisfied: figures.basicallySatisfied,
    unsatisfied: figures.unsatisfied,
    satisfactionRate: figures.satisfactionRate,
    receptionDaysRostered: figures.receptionDaysRostered,
    receptionDaysAttended: figures.receptionDaysAttended,
  };
}
