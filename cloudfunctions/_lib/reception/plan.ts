import type { ReceptionDayView } from '../../../miniprogram/core/api';
import { chinaDate, weekdayLabel } from '../../../miniprogram/core/china-time';
import type { ReceptionRule } from '../../../miniprogram/core/reception';
import {
  HOLIDAY_POLICY_LABELS,
  nextPlannedDays,
  planReceptionDays,
  type PlannedDay,
  type ReceptionOverride,
  type ReceptionPlan,
} from '../../../miniprogram/core/reception-plan';
import { officialCalendar } from '../calendar';
import { byIds, type Db, type StationDoc } from '../platform';

/**
 * A station's reception days (接待日): its rule's dates plus staff's changes (core/reception-plan.ts),
 * on China's official calendar.
 *
 * A reception day is identified by its ORIGIN date (the date the rule yields for it, or the date an
 * extra day was first added on), not by the date it is held on: staff can move a day, and its
 * roster, attendance and reminders move with it (and back, if the move is undone). Each day that has
 * anything stored has one `reception_days` document keyed by station and origin date.
 */

export const receptionDayId = (stationId: string, originDate: string) => `${stationId}_${originDate}`;

/** The station's changes to its rule's days, as stored (none when never changed). */
export const changesOf = (station: StationDoc): ReceptionOverride[] => station.receptionChanges ?? [];

/** The station's reception days from `from` to `to`; null when the station has no rule. */
export function planOf(station: StationDoc, from: string, to: string): ReceptionPlan | null {
  if (!station.receptionRule) return null;
  return planReceptionDays(station.receptionRule, changesOf(station), from, to, officialCalendar);
}

/** A plan with no days, for a station with no rule: it still says which years are not covered. */
export function emptyPlan(from: string, to: string): ReceptionPlan {
  const uncoveredYears: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    if (!officialCalendar.covers(y)) uncoveredYears.push(y);
  return { days: [], cancelled: [], ignored: [], uncoveredYears };
}

/** The planned (not cancelled) day held on `date`, if any. */
export function plannedDayOn(station: StationDoc, date: string): PlannedDay | null {
  return planOf(station, date, date)?.days.find((d) => d.date === date) ?? null;
}

/** The date a day (by origin) is held on under the station's changes, or null when cancelled or gone. */
export function heldOn(station: StationDoc, origin: string): string | null {
  const change = changesOf(station).find((c) => c.kind !== 'add' && c.date === origin);
  const date = change?.kind === 'cancel' ? null : change?.kind === 'move' ? change.to : origin;
  return date && plannedDayOn(station, date)?.originDate === origin ? date : null;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const ORDINALS: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', [-1]: '最后一' };

/** 每月10日（节假日顺延）, 每月第一、三个星期二（节假日顺延）, 1、3、5月15日（节假日照常）. */
export function ruleLabel(rule: ReceptionRule): string {
  const months = rule.months ? `${rule.months.join('、')}月` : '每月';
  const when =
    rule.kind === 'day_of_month'
      ? `${months}${rule.day}日`
      : `${months}第${rule.nth.map((n) => ORDINALS[n] ?? String(n)).join('、')}个${WEEKDAY_NAMES[rule.weekday]}`;
  return `${when}（${HOLIDAY_POLICY_LABELS[rule.holidayPolicy]}）`;
}

/**
 * The station's next reception days for the landing page: the plan (rule and staff's changes), only
 * dates whose year's official calendar is known (a guessed date is worse than none), each with the
 * deputies on duty when its roster is published.
 */
export async function upcomingReceptions(
  db: Db,
  station: StationDoc,
  now: number,
  count: number,
): Promise<ReceptionDayView[]> {
  if (!station.receptionRule) return [];
  const days = nextPlannedDays(
    station.receptionRule,
    changesOf(station),
    chinaDate(now),
    count,
    officialCalendar,
  ).filter((d) => officialCalendar.covers(Number(d.date.slice(0, 4))));
  if (days.length === 0) return [];
  const docs = await byIds(
    db,
    'reception_days',
    days.map((d) => receptionDayId(station._id, d.originDate)),
  );
  const onDuty = (d: PlannedDay) => {
    const doc = docs.get(receptionDayId(station._id, d.originDate));
    return doc?.published && doc.date === d.date ? doc.deputies : [];
  };
  const names = await byIds(db, 'deputies', days.flatMap(onDuty));
  return days.map((d) => ({
    date: d.date,
    weekday: weekdayLabel(d.date),
    stationName: station.name,
    deputiesOnDuty: onDuty(d).flatMap((id) => names.get(id)?.name ?? []),
  }));
}
