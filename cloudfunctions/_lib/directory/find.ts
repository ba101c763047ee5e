import type { FindDeputiesView, FoundStation } from '../../../miniprogram/core/api';
import { invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { charLength, textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import { collection, getById, type ActionContext, type Db, type StationDoc } from '../platform';
import { deputySummaries, stationSummary } from './records';

/**
 * `resident.findDeputies` (找代表): finding a deputy or station without a code — by the deputy's
 * name, or by a station's name or address (a community's name is in its station's). Anyone may
 * call it, and it answers public directory facts only: what a printed poster shows, the station's
 * opening hours, public phone and place; never a deputy's phone or account. Active records only.
 *
 * - `{ stationId }`: that station and its deputies;
 * - `{ q }` (1–20 characters): stations whose name or address holds the words (first page only), and
 *   deputies whose name holds them or who belong to such a station;
 * - neither: every active station (to pick one from), and no deputies.
 * Deputies come in the order of their codes, `limit` (1–50, default 20) at a time; `nextCursor` is
 * the last code shown.
 */

const MAX_QUERY = 20;
const MAX_STATIONS = 50;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const found = (s: StationDoc): FoundStation => ({
  ...stationSummary(s),
  openingHours: s.openingHours,
  phone: s.phone ?? null,
  location: s.location,
});

function parse(input: Record<string, unknown>) {
  const fields: Record<string, string> = {};
  const q = textInput(input.q);
  if (q === null) fields.q = `搜索内容${WRONG_TYPE}`;
  else if (charLength(q) > MAX_QUERY) fields.q = `搜索内容最多 ${MAX_QUERY} 个字`;
  const stationId = input.stationId === undefined || input.stationId === null ? '' : input.stationId;
  if (typeof stationId !== 'string' || !/^[A-Za-z0-9_-]{0,64}$/.test(stationId))
    fields.stationId = '联络站无效，请重新选择';
  const cursor = input.cursor === undefined || input.cursor === null ? '' : input.cursor;
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9]{0,16}$/.test(cursor))
    fields.cursor = '翻页位置无效，请重新搜索';
  const n = input.limit === undefined ? 20 : Number(input.limit);
  if (!Number.isInteger(n) || n < 1 || n > 50) fields.limit = '每页 1–50 条';
  if (Object.keys(fields).length > 0) return invalid(fields);
  return { q: q ?? '', stationId: stationId as string, cursor: cursor as string, limit: n };
}

async function stationsMatching(db: Db, q: string): Promise<StationDoc[]> {
  const _ = db.command;
  const pattern = db.RegExp({ regexp: escapeRegExp(q), options: 'i' });
  const { data } = await collection(db, 'stations')
    .where(
      _.or([
        { active: true, name: pattern },
        { active: true, address: pattern },
      ]),
    )
    .orderBy('code', 'asc')
    .limit(MAX_STATIONS)
    .get();
  return data;
}

export async function findDeputies(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FindDeputiesView | Failure> {
  const parsed = parse(input);
  if (isFailure(parsed)) return parsed;
  const { q, stationId, cursor, limit } = parsed;
  const { app, db } = ctx;
  const _ = db.command;
  const after = cursor ? { code: _.gt(cursor) } : {};

  let stations: StationDoc[];
  let clauses: object[];
  if (stationId) {
    const station = await getById(db, 'stations', stationId);
    stations = station?.active ? [station] : [];
    clauses = stations.length ? [{ active: true, stationId, ...after }] : [];
  } else if (q) {
    stations = await stationsMatching(db, q);
    const pattern = db.RegExp({ regexp: escapeRegExp(q), options: 'i' });
    clauses = [
      { active: true, name: pattern, ...after },
      ...(stations.length ? [{ active: true, stationId: _.in(stations.map((s) => s._id)), ...after }] : []),
    ];
  } else {
    const { data } = await collection(db, 'stations')
      .where({ active: true })
      .orderBy('code', 'asc')
      .limit(MAX_STATIONS)
      .get();
    stations = data;
    clauses = [];
  }

  const deputies = clauses.length
    ? (
        await collection(db, 'deputies')
          .where(clauses.length === 1 ? clauses[0] : _.or(clauses))
          .orderBy('code', 'asc')
          .limit(limit)
          .get()
      ).data
    : [];
  const known = new Map(stations.map((s) => [s._id, s]));
  const missing = [
    ...new Set(deputies.flatMap((d) => (d.stationId && !known.has(d.stationId) ? [d.stationId] : []))),
  ];
  if (missing.length) {
    const { data } = await collection(db, 'stations')
      .where({ _id: _.in(missing) })
      .limit(100)
      .get();
    for (const s of data) known.set(s._id, s);
  }
  const summaries = await deputySummaries(app, deputies);
  return {
    stations: cursor ? [] : stations.map(found),
    deputies: summaries.map((d, i) => ({
      ...d,
      stationName: known.get(deputies[i].stationId ?? '')?.name ?? null,
    })),
    nextCursor: deputies.length === limit ? deputies[deputies.length - 1].code : null,
  };
}
