import type { DeputyRecordDetailView, RecordCaseList, RecordDayList } from '../core/api-accounts';
import { chinaDate } from '../core/china-time';
import { percent } from '../core/deputy-record';
import { ROUTE_KINDS, ROUTE_LABELS } from '../core/model';

/**
 * 履职档案 as the office reads it: each number of the deputy's record on a line, and behind each the
 * cases (受理编号, newest first) or reception days that make it, listed when the number is tapped.
 * The rates say what they are made of instead (按时答复 ÷ 答复, …).
 */

export interface RecordLine {
  key: string;
  label: string;
  value: string;
  unit: string;
  /** Lines under another (直办 under 分办). */
  indent: boolean;
  /** How many cases or days a tap lists; 0 for a rate or an empty figure. */
  listed: number;
}

export interface ListedEvent {
  /** The case's id to open it ('' for a day). */
  caseId: string;
  text: string;
}

export interface EventList {
  key: string;
  title: string;
  items: ListedEvent[];
  /** 仅列出最新 100 件… when the figure has more cases than listed. */
  more: string;
}

type Lists = Record<string, RecordCaseList | RecordDayList>;

/** Every list of the record by line key (routed ones as `routed.direct`, …). */
function listsOf(view: DeputyRecordDetailView): Lists {
  const { routed, ...rest } = view.events;
  const lists: Lists = { ...rest };
  for (const kind of ROUTE_KINDS) lists[`routed.${kind}`] = routed[kind];
  return lists;
}

const count = (list: RecordCaseList | RecordDayList | undefined): number => list?.total ?? 0;

/** The record's lines, in the order the deputy's own 履职档案 shows them. */
export function recordLines(view: DeputyRecordDetailView): RecordLine[] {
  const lists = listsOf(view);
  const line = (key: string, label: string, unit = '件', indent = false): RecordLine => ({
    key,
    label,
    value: String(count(lists[key])),
    unit,
    indent,
    listed: count(lists[key]),
  });
  const rate = (key: string, label: string, value: number | null): RecordLine => ({
    key,
    label,
    value: percent(value),
    unit: '',
    indent: false,
    listed: 0,
  });
  const routedTotal = ROUTE_KINDS.reduce((sum, kind) => sum + view.routed[kind], 0);
  return [
    line('received', '收到诉求'),
    line('accepted', '受理'),
    { key: 'routed', label: '分办', value: String(routedTotal), unit: '件次', indent: false, listed: 0 },
    ...ROUTE_KINDS.map((kind) => line(`routed.${kind}`, ROUTE_LABELS[kind], '件', true)),
    line('answered', '答复'),
    line('explained', '解释说明'),
    rate('onTimeRate', '按时答复率', view.onTimeRate),
    line('answeredOnTime', '按时答复', '件', true),
    line('answeredLate', '超时答复', '件', true),
    rate('satisfactionRate', '满意率', view.satisfactionRate),
    line('satisfied', '满意', '件', true),
    line('basicallySatisfied', '基本满意', '件', true),
    line('unsatisfied', '不满意', '件', true),
    line('receptionDaysRostered', '接待日排班', '天'),
    line('receptionDaysAttended', '接待日到岗', '天'),
  ];
}

/** The cases or days behind one line. */
export function eventList(view: DeputyRecordDetailView, key: string, label: string): EventList | null {
  const list = listsOf(view)[key];
  if (!list) return null;
  if ('days' in list) {
    return {
      key,
      title: `${label}：${list.total} 天`,
      items: list.days.map((day) => ({ caseId: '', text: `${day.date} · ${day.stationName}` })),
      more: '',
    };
  }
  return {
    key,
    title: `${label}：${list.total} 件`,
    items: list.cases.map((item) => ({
      caseId: item.caseId,
      text: `${item.caseNo} · ${chinaDate(item.createdAt)}`,
    })),
    more: list.more ? `仅列出最新 ${list.cases.length} 件，缩短时段可查看其余` : '',
  };
}
