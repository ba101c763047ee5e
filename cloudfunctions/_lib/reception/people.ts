import { DEFAULT_DEPUTIES_PER_DAY, type Member, type Unavailability } from '../../../miniprogram/core/roster';
import {
  byIds,
  collection,
  type Db,
  type DeclaredAbsence,
  type DeputyDoc,
  type StationDoc,
} from '../platform';

/** The people of a station who can be on duty: its deputies, its leaders' pool, their absences. */

export interface People {
  deputies: Member[];
  /** The deputies as stored (their bound WeChat account, for notifications). */
  docs: Map<string, DeputyDoc>;
  leaders: Member[];
  unavailability: Unavailability[];
  perDay: number;
  names: Map<string, string>;
}

/** Declared absences as core/roster.ts reads them. */
function unavailabilityOf(
  people: ReadonlyArray<{ id: string; unavailability?: DeclaredAbsence[] | null }>,
): Unavailability[] {
  return people.flatMap((p) =>
    (p.unavailability ?? []).flatMap((u) =>
      typeof u?.from === 'string' && typeof u?.to === 'string'
        ? [{ personId: p.id, from: u.from, to: u.to }]
        : [],
    ),
  );
}

/** The station's active deputies, its leaders' pool and everyone's declared absences. */
export async function peopleOf(db: Db, station: StationDoc): Promise<People> {
  const { data } = await collection(db, 'deputies')
    .where({ stationId: station._id, active: true })
    .limit(200)
    .get();
  const deputies = data.sort((a, b) => (a.code < b.code ? -1 : 1));
  const leaders = station.leaders ?? [];
  const names = new Map<string, string>();
  for (const d of deputies) names.set(d._id, d.name);
  for (const l of leaders) names.set(l.id, l.name);
  return {
    deputies: deputies.map((d) => ({ id: d._id, name: d.name })),
    docs: new Map(deputies.map((d) => [d._id, d])),
    leaders: leaders.map((l) => ({ id: l.id, name: l.name })),
    unavailability: [
      ...unavailabilityOf(deputies.map((d) => ({ id: d._id, unavailability: d.unavailability }))),
      ...unavailabilityOf(leaders),
    ],
    perDay: Math.max(1, Math.floor(station.deputiesPerDay ?? DEFAULT_DEPUTIES_PER_DAY)),
    names,
  };
}

/** Names of people on stored rosters who have since left the station (a past roster still names them). */
export async function formerNames(
  db: Db,
  docs: Iterable<{ deputies: string[]; present?: string[] | null }>,
  people: People,
): Promise<Map<string, string>> {
  const ids = [...docs].flatMap((d) => [...d.deputies, ...(d.present ?? [])]);
  const found = await byIds(
    db,
    'deputies',
    ids.filter((id) => !people.names.has(id)),
  );
  return new Map([...found.values()].map((d) => [d._id, d.name]));
}
