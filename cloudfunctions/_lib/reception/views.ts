import type {
  DutyRosterView,
  PersonRef,
  ReceptionPlanView,
  StationDayView,
  StationView,
} from '../../../miniprogram/core/api';
import { weekdayLabel, type Period } from '../../../miniprogram/core/china-time';
import type { ReceptionPlan } from '../../../miniprogram/core/reception-plan';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import { stationSummary } from '../directory';
import { byIds, type Db, type StationDoc } from '../platform';
import type { StationStaff } from './access';
import { confirmedIds, pendingSwaps, swapView } from './duties';
import { loadVisits, visitCounts } from './ledger';
import { formerNames, peopleOf, type People } from './people';
import { emptyPlan, planOf, receptionDayId, ruleLabel } from './plan';

/** Reception days, rosters and the station as staff see them. */

export function stationView(station: StationDoc, people: People): StationView {
  return {
    ...stationSummary(station),
    openingHours: station.openingHours,
    ruleLabel: station.receptionRule ? ruleLabel(station.receptionRule) : null,
    deputiesPerDay: people.perDay,
    deputies: people.deputies,
    leaders: people.leaders,
  };
}

function person(id: string, people: People, more?: Map<string, string>): PersonRef {
  return { id, name: people.names.get(id) ?? more?.get(id) ?? id };
}

export function rosterView(
  roster: { deputies: readonly string[]; leader: string | null; published: boolean },
  people: People,
  more?: Map<string, string>,
  confirmed: readonly string[] = [],
): DutyRosterView {
  return {
    confirmed: confirmed.map((id) => person(id, people, more)),
    deputies: roster.deputies.map((id) => person(id, people, more)),
    leader: roster.leader ? person(roster.leader, people, more) : null,
    published: roster.published,
    shortBy: Math.max(0, people.perDay - roster.deputies.length),
    leaderMissing: people.leaders.length > 0 && !roster.leader,
  };
}

async function dayViews(
  db: Db,
  station: StationDoc,
  plan: ReceptionPlan,
  people: People,
  today: string,
  visitsOn: Map<string, number>,
): Promise<StationDayView[]> {
  const docs = await byIds(db, 'reception_days', [
    ...plan.days.map((d) => receptionDayId(station._id, d.originDate)),
    ...plan.cancelled.map((c) => receptionDayId(station._id, c.date)),
  ]);
  const more = await formerNames(db, docs.values(), people);
  const stored = (origin: string) => {
    const doc = docs.get(receptionDayId(station._id, origin));
    return {
      roster:
        doc && (doc.deputies.length > 0 || doc.leader)
          ? rosterView(doc, people, more, confirmedIds(doc))
          : null,
      present: doc?.present ? doc.present.map((id) => person(id, people, more)) : null,
      swapRequests: doc ? pendingSwaps(doc).map((r) => swapView(r, (id) => person(id, people, more))) : [],
    };
  };
  const held: StationDayView[] = plan.days.map((d) => ({
    date: d.date,
    weekday: weekdayLabel(d.date),
    origin: d.origin,
    extra: d.origin === 'extra',
    ruleDate: d.ruleDate,
    movedFrom: d.movedFrom,
    cancelled: false,
    reason: d.reason,
    onHoliday: d.onHoliday,
    past: d.date < today,
    ...stored(d.originDate),
    visits: visitsOn.get(d.date) ?? 0,
  }));
  const cancelled: StationDayView[] = plan.cancelled.map((c) => ({
    date: c.date,
    weekday: weekdayLabel(c.date),
    origin: c.origin,
    extra: c.origin === 'extra',
    ruleDate: null,
    movedFrom: null,
    cancelled: true,
    reason: c.reason,
    onHoliday: !officialCalendar.isWorkday(c.date),
    past: c.date < today,
    ...stored(c.date),
    present: null,
    swapRequests: [],
    visits: 0,
  }));
  return [...held, ...cancelled].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export async function planView(
  db: Db,
  station: StationDoc,
  period: Period,
  people: People,
  today: string,
  visitsOn: Map<string, number>,
): Promise<ReceptionPlanView> {
  const plan = planOf(station, period.from, period.to) ?? emptyPlan(period.from, period.to);
  return {
    from: period.from,
    to: period.to,
    days: await dayViews(db, station, plan, people, today, visitsOn),
    ignored: plan.ignored.map(({ override: o, why }) => ({
      kind: o.kind,
      date: o.date,
      to: o.kind === 'move' ? o.to : null,
      reason: o.reason,
      why,
    })),
    uncoveredYears: plan.uncoveredYears,
  };
}

/** The reception day (held on `date`) as staff see it, after a change. */
export async function oneDayView(
  db: Db,
  access: StationStaff,
  date: string,
): Promise<StationDayView | Failure> {
  const people = await peopleOf(db, access.station);
  const visits = await loadVisits(db, access.station._id, { from: date, to: date });
  if (isFailure(visits)) return visits;
  const plan = planOf(access.station, date, date) ?? emptyPlan(date, date);
  const days = await dayViews(db, access.station, plan, people, access.today, visitCounts(visits));
  const day = days.find((d) => d.date === date && !d.cancelled);
  return day ?? fail('RECEPTION.NO_SUCH_DAY', `${date} 不是接待日`, { date: '该日没有接待日' });
}
