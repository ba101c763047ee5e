import type { LandingView } from '../../../miniprogram/core/api';
import { targetFromOptions } from '../../../miniprogram/core/codes';
import { fail, type Failure } from '../../../miniprogram/core/result';
import { UNKNOWN_CODE } from '../cases';
import {
  categories,
  deputySummaries,
  findDeputyByCode,
  findStationByCode,
  stationSummary,
} from '../directory';
import { collection, getById, type ActionContext, type StationDoc } from '../platform';
import { upcomingReceptions } from '../reception';
import { publicResults } from './public-results';

const contactOf = (s: StationDoc) => ({ phone: s.phone ?? null, location: s.location });

/**
 * `resident.landing`: everything the first screen after a scan shows, in one call — the deputy or
 * station the code names, the station's next reception days with the deputies on duty, the
 * appeal categories, and the public results (五公开: this year's figures and published outcomes). Anyone may call it; a code that names nothing, or someone who has left office,
 * is said so plainly.
 */
export async function landing(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<LandingView | Failure> {
  const options = Object.fromEntries(
    ['scene', 'q', 'type', 'code'].map((k) => [k, typeof input[k] === 'string' ? input[k] : undefined]),
  );
  const target = targetFromOptions(options);
  if (!target) return fail('CODE.MALFORMED', '二维码无法识别，请扫描人大代表或联络站的二维码');
  const { app, db, now } = ctx;
  const viewer = { openid: ctx.caller.openid };
  if (target.type === 'deputy') {
    const deputy = await findDeputyByCode(db, target.code);
    if (!deputy) return UNKNOWN_CODE();
    if (!deputy.active)
      return fail('CODE.RETIRED', `${deputy.name}已不再履行代表职务，您可以到所在联络站反映诉求`);
    const [station, list, [summary], results] = await Promise.all([
      getById(db, 'stations', deputy.stationId),
      categories(db, now),
      deputySummaries(app, [deputy]),
      publicResults(db, { deputyId: deputy._id }, now),
    ]);
    return {
      viewer,
      target: 'deputy',
      deputy: summary,
      station: station ? { ...stationSummary(station), ...contactOf(station) } : null,
      nextReception: station ? ((await upcomingReceptions(db, station, now, 1))[0] ?? null) : null,
      categories: list,
      publicResults: results,
    };
  }
  const station = await findStationByCode(db, target.code);
  if (!station) return UNKNOWN_CODE();
  if (!station.active) return fail('CODE.RETIRED', `${station.name}已停止接待，请联系当地人大常委会`);
  const [{ data: deputies }, list, results] = await Promise.all([
    collection(db, 'deputies').where({ stationId: station._id, active: true }).limit(100).get(),
    categories(db, now),
    publicResults(db, { stationId: station._id }, now),
  ]);
  return {
    viewer,
    target: 'station',
    station: { ...stationSummary(station), ...contactOf(station), openingHours: station.openingHours },
    deputies: await deputySummaries(app, deputies),
    nextReceptions: await upcomingReceptions(db, station, now, 3),
    categories: list,
    publicResults: results,
  };
}
