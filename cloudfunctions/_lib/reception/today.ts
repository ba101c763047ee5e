import type { OnDutyView, StationTodayView, TodayVisitorView } from '../../../miniprogram/core/api';
import { addDays, chinaDateTime, weekdayLabel } from '../../../miniprogram/core/china-time';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { maskPhone } from '../../../miniprogram/core/text';
import {
  collection,
  getById,
  type ActionContext,
  type ReceptionDayDoc,
  type StationDoc,
  type VisitDoc,
} from '../platform';
import { stationStaff } from './access';
import { peopleOf, type People } from './people';
import { planOf, plannedDayOn, receptionDayId } from './plan';
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
    phone: v.redactedAt ? null : maskPhone(v.phone),
    summary: categories.length > 0 ? categories.join('、') : '当场答复',
    items: v.items.length,
    answeredOnSpot: v.answeredOnSpot,
  };
}

/**
 * The people on today's roster (deputies, then the leader), with the phones staff call them on and
 * their sign-in times; then anyone else of the station who signed in (a deputy who came to help).
 */
function onDutyOf(doc: ReceptionDayDoc | null, station: StationDoc, people: People): OnDutyView[] {
  if (!doc) return [];
  const signIns = doc.signIns ?? {};
  const time = (id: string) => {
    const at = signIns[id]?.at;
    return at === undefined ? null : chinaDateTime(at).slice(11);
  };
  const leaders = new Map((station.leaders ?? []).map((l) => [l.id, l]));
  const view = (id: string): OnDutyView => {
    const leader = leaders.get(id);
    if (leader)
      return {
        id,
        name: leader.name,
        role: 'leader',
        title: leader.title ?? '',
        phone: leader.phone ?? null,
        signedInAt: time(id),
      };
    return {
      id,
      name: people.names.get(id) ?? id,
      role: 'deputy',
      title: '',
      phone: people.docs.get(id)?.phone ?? null,
      signedInAt: time(id),
    };
  };
  const rostered = [...doc.deputies, ...(doc.leader ? [doc.leader] : [])];
  const others = Object.keys(signIns)
    .filter((id) => !rostered.includes(id))
    .sort((a, b) => (signIns[a]?.at ?? 0) - (signIns[b]?.at ?? 0));
  return [...rostered, ...others].map(view);
}

/** `station.today`: the reception day held today (roster, attendance), or the next one, and today's visitors. */
export async function today(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationTodayView | Failure> {
  const access = await stationStaff(input, ctx, 'read');
  if (isFailure(access)) return access;
  const { station, today: date } = access;
  const planned = plannedDayOn(station, date);
  const [people, held, visits, doc] = await Promise.all([
    peopleOf(ctx.db, station),
    oneDayView(ctx.db, access, date),
    collection(ctx.db, 'visitors')
      .where({ stationId: station._id, date })
      .orderBy('createdAt', 'desc')
      .limit(MAX_VISITORS_SHOWN)
      .get(),
    planned ? getById(ctx.db, 'reception_days', receptionDayId(station._id, planned.originDate)) : null,
  ]);
  const day = isFailure(held) ? null : held;
  const upcoming = day ? null : planOf(station, addDays(date, 1), addDays(date, 92));
  return {
    station: stationView(station, people),
    today: date,
    weekday: weekdayLabel(date),
    day,
    onDuty: day ? onDutyOf(doc, station, people) : [],
    nextDay: upcoming?.days[0]?.date ?? null,
    visitors: visits.data.map(visitorView),
  };
}
