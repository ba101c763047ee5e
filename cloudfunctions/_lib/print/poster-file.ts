import type { FileJobView } from '../../../miniprogram/core/api';
import { DEPUTY_LEVEL_LABELS, STATION_LEVEL_LABELS } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requestFile, syncLimit, type FileMaker } from '../files';
import {
  collection,
  getById,
  readAll,
  requireOffice,
  type ActionContext,
  type App,
  type Db,
  type DeputyDoc,
  type StationDoc,
} from '../platform';
import { ruleLabel } from '../reception';
import { writePosters, type PosterSubject } from './posters';

/** Pages made during the call (a station and its deputies); the whole district is a job. */
const SYNC_PAGES = 300;
/** A province's deputies at most; more is refused rather than printed in part. */
const MAX_RECORDS = 100_000;
/** Posters prepared at once: their photos are fetched together, then let go. */
const BATCH = 100;
const PHOTO_CONCURRENCY = 8;
/** A deputy's photo larger than this is left off (a poster needs a few hundred kilobytes at most). */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

type StationFields = Pick<
  StationDoc,
  '_id' | 'code' | 'name' | 'level' | 'address' | 'openingHours' | 'receptionRule' | 'active'
>;
type DeputyFields = Pick<
  DeputyDoc,
  '_id' | 'code' | 'name' | 'level' | 'title' | 'stationId' | 'photoFileID'
>;

/** What loading needs: the database and, for photos, storage. A script passes its own SDK app. */
export interface PosterPorts {
  db: Db;
  app: Pick<App, 'downloadFile'>;
}

async function photoOf(app: PosterPorts['app'], fileID: string | null): Promise<Buffer | null> {
  if (!fileID) return null;
  try {
    const { fileContent } = await app.downloadFile({ fileID });
    if (!fileContent || fileContent.length > MAX_PHOTO_BYTES) return null;
    return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
  } catch {
    // A photo removed from storage leaves the poster without it, not the batch without the poster.
    return null;
  }
}

async function withPhotos(
  app: PosterPorts['app'],
  subjects: Array<PosterSubject & { photoFileID: string | null }>,
) {
  for (let i = 0; i < subjects.length; i += PHOTO_CONCURRENCY) {
    await Promise.all(
      subjects.slice(i, i + PHOTO_CONCURRENCY).map(async (s) => {
        s.photo = await photoOf(app, s.photoFileID);
      }),
    );
  }
  return subjects.map(({ photoFileID: _, ...subject }) => subject);
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

/**
 * Every active station and deputy (or one station and its deputies), in the order they are sorted
 * into piles for delivery: each station's poster, then its deputies', then deputies of no station.
 * Batches of a hundred, each with its photos.
 */
export async function* posterSubjects(
  ports: PosterPorts,
  stationId: string | null,
): AsyncGenerator<PosterSubject[]> {
  const stationWhere = stationId ? { _id: stationId } : { active: true };
  const deputyWhere = stationId ? { stationId, active: true } : { active: true };
  const [stations, deputies] = await Promise.all([
    readAll<'stations', StationFields>(ports.db, 'stations', stationWhere, {
      max: MAX_RECORDS,
      fields: {
        code: true,
        name: true,
        level: true,
        address: true,
        openingHours: true,
        receptionRule: true,
        active: true,
      },
    }),
    readAll<'deputies', DeputyFields>(ports.db, 'deputies', deputyWhere, {
      max: MAX_RECORDS,
      fields: { code: true, name: true, level: true, title: true, stationId: true, photoFileID: true },
    }),
  ]);
  if (!stations || !deputies) throw new Error(`more than ${MAX_RECORDS} records to print`);
  const stationById = new Map(stations.map((s) => [s._id, s]));
  const byStation = new Map<string | null, DeputyFields[]>();
  for (const d of deputies.sort(byCode)) {
    const key = d.stationId && stationById.has(d.stationId) ? d.stationId : null;
    const members = byStation.get(key) ?? [];
    members.push(d);
    byStation.set(key, members);
  }
  const queue: Array<PosterSubject & { photoFileID: string | null }> = [];
  const stationFacts = (s: StationFields | undefined) => ({
    reception: s?.receptionRule ? ruleLabel(s.receptionRule) : null,
    address: s?.address || null,
    openingHours: s?.openingHours || null,
  });
  const deputySubject = (d: DeputyFields) => {
    const station = d.stationId ? stationById.get(d.stationId) : undefined;
    return {
      target: { type: 'deputy' as const, code: d.code },
      name: d.name,
      level: DEPUTY_LEVEL_LABELS[d.level],
      title: d.title || null,
      station: station?.name ?? null,
      ...stationFacts(station),
      deputies: [],
      photo: null,
      photoFileID: d.photoFileID,
    };
  };
  const order = [...stations.sort(byCode).map((s) => s._id), null];
  for (const id of order) {
    const station = id ? stationById.get(id) : undefined;
    const members = byStation.get(id) ?? [];
    if (station) {
      queue.push({
        target: { type: 'station', code: station.code },
        name: station.name,
        level: STATION_LEVEL_LABELS[station.level],
        title: null,
        station: null,
        ...stationFacts(station),
        deputies: members.map((d) => d.name),
        photo: null,
        photoFileID: null,
      });
    }
    for (const d of members) queue.push(deputySubject(d));
    while (queue.length >= BATCH) yield withPhotos(ports.app, queue.splice(0, BATCH));
  }
  if (queue.length > 0) yield withPhotos(ports.app, queue.splice(0));
}

/** Writes the posters of `params` (`{ stationId }`) to a PDF at `outPath`. */
export const postersFile: FileMaker = async (params, ctx, outPath) => {
  const stationId = typeof params.stationId === 'string' ? params.stationId : null;
  const pages = await writePosters(posterSubjects(ctx, stationId), outPath);
  return { count: pages };
};

/** `office.posters`: a PDF with a poster for every active deputy and station, or one station's. */
export async function posters(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FileJobView | Failure> {
  const office = await requireOffice(ctx, '打印海报');
  if (isFailure(office)) return office;
  const raw = input.stationId;
  let stationId: string | null = null;
  if (raw !== undefined && raw !== null && raw !== '') {
    if (typeof raw !== 'string' || !ID.test(raw)) return invalid({ stationId: '联络站无效' });
    stationId = raw;
  }
  const station = stationId ? await getById(ctx.db, 'stations', stationId) : null;
  if (stationId && !station) return fail('NOT_FOUND', '没有找到这个联络站');
  const deputies = collection(ctx.db, 'deputies').where(
    stationId ? { stationId, active: true } : { active: true },
  );
  const stations = stationId
    ? { total: 1 }
    : await collection(ctx.db, 'stations').where({ active: true }).count();
  const total = (await deputies.count()).total + stations.total;
  return requestFile(ctx, {
    kind: 'posters',
    params: { stationId },
    name: station ? `海报_${station.name}.pdf` : '海报_全部代表和联络站.pdf',
    ext: 'pdf',
    total,
    syncLimit: syncLimit(SYNC_PAGES),
    make: postersFile,
  });
}
