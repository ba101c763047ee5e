import type { StationTodayView, TodayVisitorView } from '../../../miniprogram/core/api';
import { addDays, chinaDateTime, weekdayLabel } from '../../../miniprogram/core/china-time';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, type ActionContext, type VisitDoc } from '../platform';
import { stationStaff } from './access';
import { peopleOf } from './people';
import { planOf } from './plan';
import { oneDayView, stationView } from './views';

/** 今天 for station staff: who is on duty today and who signed in, and today's visitors. */

const MAX_VISITORS_SHOWN = 200;

function visitorView(v: VisitDoc): TodayVisitorView {
  const categories = [...new Set(v.items.map((i) => i.categoryName))];
  return {
    id: v._id,
    time: chinaDateTime(v.createdAt).slice(11),
    name: v.redactedAt ? '已清除' : v.anonymous || !v.visitorName ? '匿名' : v.visitorName,
    receivedByName: v.receivedByName,
    summary: categories.length > 0 ? categories.join('、') : '当场答复',
    items: v.items.length,
    answeredOnSpot: v.answeredOnSpot,
  };
}

/** `station.today`: the reception day held today (roster, attendance), or the next one, and today's visitors. */
export async function today(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationTodayView | Failure> {
  const access = await stationStaff(input, ctx, 'read');
  if (isFailure(access)) return access;
  const { station, today: date } = access;
  const [people, held, visits] = await Promise.all([
    peopleOf(ctx.db, station),
    oneDayView(ctx.db, access, date),
    collection(ctx.db, 'visitors')
      .where({ stationId: station._id, date })
      .orderBy('createdAt', 'desc')
      .limit(MAX_VISITORS_SHOWN)
      .get(),
  ]);
  const day = isFailure(held) ? null : held;
  const upcoming = day ? null : planOf(station, addDays(date, 1), addDays(date, 92));
  return {
    station: stationView(station, people),
    today: date,
    weekday: weekdayLabel(date),
    day,
    nextDay: upcoming?.days[0]?.date ?? null,
    visitors: visits.data.map(visitorView),
  };
}
