import type { CaseFigures } from '../../../miniprogram/core/api';
import { chinaDate, endOfChinaDay, startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import { computeDeadline, lateness, type Deadline } from '../../../miniprogram/core/deadlines';
import {
  ANSWER_OUTCOME_LABELS,
  CASE_CHANNEL_LABELS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  isOpen,
  NO_OUTCOME_LABEL,
  RATING_LABELS,
  ROUTE_LABELS,
} from '../../../miniprogram/core/model';
import { maskPhone, truncate } from '../../../miniprogram/core/text';
import { officialCalendar } from '../calendar';
import { collection, READ_PAGE, type CaseDoc, type Db } from '../platform';
import type { Cell, Column } from './workbook';

/** What the ledger reads of a case: never the resident's name, photos or location. */
export type LedgerCaseFields = Pick<
  CaseDoc,
  | '_id'
  | 'caseNo'
  | 'channel'
  | 'deputyId'
  | 'stationId'
  | 'kind'
  | 'categoryName'
  | 'description'
  | 'phone'
  | 'anonymous'
  | 'status'
  | 'createdAt'
  | 'route'
  | 'unitId'
  | 'clock'
  | 'pauses'
  | 'answeredAt'
  | 'outcome'
  | 'rating'
  | 'closedBy'
>;

const PROJECTION: Record<Exclude<keyof LedgerCaseFields, '_id'>, true> = {
  caseNo: true,
  channel: true,
  deputyId: true,
  stationId: true,
  kind: true,
  categoryName: true,
  description: true,
  phone: true,
  anonymous: true,
  status: true,
  createdAt: true,
  route: true,
  unitId: true,
  clock: true,
  pauses: true,
  answeredAt: true,
  outcome: true,
  rating: true,
  closedBy: true,
};

/** A ledger's columns, in a ledger's order: 受理编号 first. */
export const LEDGER_COLUMNS: readonly Column[] = [
  { header: '受理编号', width: 18 },
  { header: '受理日期', width: 12 },
  { header: '渠道', width: 12 },
  { header: '群众', width: 14 },
  { header: '代表', width: 10 },
  { header: '联络站', width: 22 },
  { header: '类型', width: 6 },
  { header: '类别', width: 10 },
  { header: '诉求摘要', width: 60 },
  { header: '办理方式', width: 10 },
  { header: '承办单位', width: 20 },
  { header: '办理期限', width: 12 },
  { header: '答复日期', width: 12 },
  { header: '是否按期', width: 10 },
  { header: '办理结果', width: 14 },
  { header: '评价', width: 12 },
  { header: '状态', width: 8 },
];

/** Names of the deputies, stations and units the rows refer to, by id. */
export interface LedgerNames {
  deputies: Map<string, string>;
  stations: Map<string, string>;
  units: Map<string, string>;
}

const SUMMARY_CHARS = 80;

/**
 * Phone numbers a resident typed into their text, masked as the phone column is. A run of seven or
 * more digits (spaces and dashes allowed inside) is taken for one: a ledger travels by e-mail and
 * on paper, and a resident's number must not travel with it.
 */
export function maskPhonesIn(text: string): string {
  return text.replace(/\d[\d -]{5,}\d/g, (run) => maskPhone(run) ?? run);
}

/** Who raised it, as a ledger may show it: never a name, a phone number only masked. */
function residentCell(c: LedgerCaseFields): string {
  if (c.anonymous) return '匿名';
  if (c.channel === 'deputy_entry') return c.phone ? (maskPhone(c.phone) ?? '') : '代表录入';
  return c.phone ? (maskPhone(c.phone) ?? '') : '未留电话';
}

function routeCell(c: LedgerCaseFields): string {
  if (c.status === 'declined') return '解释说明';
  if (c.status === 'merged') return '已合并';
  if (c.status === 'withdrawn') return '已撤回';
  if (c.route) return ROUTE_LABELS[c.route];
  // Answered with no route taken: the deputy or the station answered it themselves, which is 直办.
  return c.answeredAt !== null ? ROUTE_LABELS.direct : '';
}

function ratingCell(c: LedgerCaseFields): string {
  if (c.rating) return RATING_LABELS[c.rating];
  return c.closedBy === 'time' ? '超时未评价' : '';
}

/**
 * The latest answer's outcome as its handler recorded it (已解决或采纳 / 列入计划 / 留作参考/解释说明);
 * 未注明 for an answer from an app version that did not ask; empty while unanswered.
 */
function outcomeCell(c: LedgerCaseFields): string {
  if (c.outcome) return ANSWER_OUTCOME_LABELS[c.outcome];
  return c.answeredAt !== null && c.answeredAt !== undefined ? NO_OUTCOME_LABEL : '';
}

/**
 * Due dates by start date and working days, for clocks never paused: a ledger's cases share a few
 * hundred of them, and counting working days through the calendar for each of 150,000 rows would
 * take most of the time the ledger has.
 */
export type DueDates = Map<string, Deadline>;

function deadlineOf(c: LedgerCaseFields, now: number, cache: DueDates): Deadline | null {
  if (!c.clock) return null;
  const input = {
    startAt: c.clock.startAt,
    workingDays: c.clock.workingDays,
    pauses: c.pauses ?? [],
    now: c.clock.stoppedAt ?? now,
  };
  if (input.pauses.length > 0) return computeDeadline(input, officialCalendar);
  const key = `${chinaDate(input.startAt)}|${input.workingDays}`;
  let due = cache.get(key);
  if (!due) {
    due = computeDeadline(input, officialCalendar);
    cache.set(key, due);
  }
  return due;
}

/** One case as a ledger row, in LEDGER_COLUMNS order. */
export function ledgerRow(
  c: LedgerCaseFields,
  names: LedgerNames,
  now: number,
  cache: DueDates = new Map(),
): Cell[] {
  const due = deadlineOf(c, now, cache);
  let onTime = '';
  if (due && c.answeredAt !== null)
    onTime = lateness(due.dueAt, c.answeredAt, officialCalendar).onTime ? '是' : '否';
  else if (due && isOpen(c.status) && now > due.dueAt) onTime = '已逾期';
  return [
    c.caseNo,
    chinaDate(c.createdAt),
    CASE_CHANNEL_LABELS[c.channel],
    residentCell(c),
    c.deputyId ? (names.deputies.get(c.deputyId) ?? '') : '',
    c.stationId ? (names.stations.get(c.stationId) ?? '') : '',
    CASE_KIND_LABELS[c.kind],
    c.categoryName,
    truncate(maskPhonesIn(c.description), SUMMARY_CHARS),
    routeCell(c),
    c.unitId ? (names.units.get(c.unitId) ?? '') : '',
    due ? due.dueDate : '',
    c.answeredAt !== null ? chinaDate(c.answeredAt) : '',
    onTime,
    outcomeCell(c),
    ratingCell(c),
    CASE_STATUS_LABELS[c.status],
  ];
}

const share = (rate: number | null) => (rate === null ? '—' : `${rate.toFixed(2)}%`);

/**
 * The summary sheet's figures: the office's figures (figures/, `office.figures`) of the ledger's
 * period and scope, so that the ledger and the figures can never disagree.
 */
export function ledgerSummary(figures: CaseFigures): Array<[string, Cell]> {
  return [
    ['受理（件）', figures.accepted],
    ['办理回复（件）', figures.replied],
    ['正在办理（件）', figures.inProgress],
    ['解释说明（件）', figures.declined],
    ['按期回复率', share(figures.onTimeRate)],
    ['已评价（件）', figures.rated],
    ['满意（件）', figures.satisfied],
    ['基本满意（件）', figures.basicallySatisfied],
    ['不满意（件）', figures.unsatisfied],
    ['满意率（满意＋基本满意÷已评价）', share(figures.satisfactionRate)],
    ['超时未评价（件）', figures.closedUnrated],
    ['超期未办结（件）', figures.overdue],
    ['发回重办（件）', figures.sentBack],
    ['督办（件）', figures.supervised],
    ['回复用时中位数（工作日）', figures.medianReplyWorkingDays ?? '—'],
    ['已解决或采纳（件）', figures.solved],
    ['列入计划（件）', figures.planned],
    ['留作参考/解释说明（件）', figures.explained],
    ['办成率（已解决或采纳÷办理回复）', share(figures.resolvedRate)],
  ];
}

/** The first window read; later ones are sized from the density of the last. */
const START_WINDOW_MS = 24 * 3600_000;
const MAX_WINDOW_MS = 31 * 24 * 3600_000;
/** What a window aims to hold: half a page, so that a busier stretch rarely overflows it. */
const TARGET = READ_PAGE / 2;

/**
 * The cases matching `where` created in the period, oldest first, a window of creation time at a
 * time.
 *
 * Every read is one window of creation time, narrowed by an index (createdAt, or the scope's), and
 * holds at most one page. The next window is sized from the density of the last. A window that
 * overflows its page is read again in time order, and what came before its last instant is
 * complete; the window then starts at that instant. Paging with a cursor over the whole period would
 * have every read sort what is left of it; windows keep each read about as small as its answer, in
 * CloudBase and on the local stack alike. Only an instant holding more than a page (an import) is
 * read by skipping, in _id order.
 */
export async function* casesInPeriod(
  db: Db,
  where: Record<string, unknown>,
  period: Period,
): AsyncGenerator<LedgerCaseFields[]> {
  const _ = db.command;
  const end = endOfChinaDay(period.to);
  const within = (from: number, to: number) =>
    collection(db, 'cases').where({ ...where, createdAt: _.gte(from).and(_.lte(to)) });
  const get = async (query: ReturnType<typeof within>) =>
    (
      await query
        .limit(READ_PAGE)
        .field<LedgerCaseFields>({ _id: true, ...PROJECTION })
        .get()
    ).data;
  const byTime = (a: LedgerCaseFields, b: LedgerCaseFields) =>
    a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

  let from = startOfChinaDay(period.from);
  let span = START_WINDOW_MS;
  while (from <= end) {
    const to = Math.min(end, from + span - 1);
    const whole = await get(within(from, to));
    if (whole.length < READ_PAGE) {
      if (whole.length > 0) yield whole.sort(byTime);
      from = to + 1;
      span = Math.min(
        MAX_WINDOW_MS,
        span * 8,
        Math.max(1, Math.floor((span * TARGET) / Math.max(1, whole.length))),
      );
      continue;
    }
    const first = await get(within(from, to).orderBy('createdAt', 'asc').orderBy('_id', 'asc'));
    const last = first[first.length - 1].createdAt;
    // A page's worth of cases took this long: aim the next window at half that.
    span = Math.max(1, Math.floor(((last - from + 1) * TARGET) / READ_PAGE));
    if (first[0].createdAt === last) {
      // A page or more created in one millisecond: page through that instant by _id.
      for (let page = 0; ; page++) {
        const part = await get(
          within(last, last)
            .orderBy('_id', 'asc')
            .skip(page * READ_PAGE),
        );
        if (part.length > 0) yield part;
        if (part.length < READ_PAGE) break;
      }
      from = last + 1;
    } else {
      yield first.filter((c) => c.createdAt < last);
      from = last;
    }
  }
}
