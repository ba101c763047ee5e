import type {
  LandingView,
  MeView,
  ReceptionDayView,
  SubmitInput,
  SubmitResult,
} from '../../miniprogram/core/api';
import { newCaseNo } from '../../miniprogram/core/case-number';
import { targetFromOptions } from '../../miniprogram/core/codes';
import { caseReceivedData } from '../../miniprogram/core/notifications';
import { nextReceptionDates, type ReceptionRule } from '../../miniprogram/core/reception';
import { INITIAL_FACTS } from '../../miniprogram/core/lifecycle';
import { RATINGS, type Rating } from '../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { validateSubmit } from '../../miniprogram/core/submit';
import { chinaDate, weekdayLabel } from '../../miniprogram/core/text';
import { getApp, getDb, type App, type Db } from '../_lib/app';
import { officialCalendar } from '../_lib/calendar';
import type { CaseDoc, PhotoRecord } from '../_lib/case-doc';
import {
  categories,
  deputySummaries,
  findDeputyByCode,
  findStationByCode,
  getById,
  rolesOf,
  stationSummary,
  type DeputyDoc,
  type StationDoc,
  type UnitDoc,
} from '../_lib/directory';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/handler';
import { deliverClaimed, dueAt, newJob } from '../_lib/outbox';
import { applyAction } from '../_lib/transition';
import { decodeCursor, encodeCursor, pageLimit, photoViews, toDetail, toListItem } from '../_lib/views';
import { checkText, startMediaCheck } from '../_lib/wechat';

/** What a resident does: open a deputy's or station's page from a scan, submit, follow their cases. */

function upcoming(
  rule: ReceptionRule | null,
  stationName: string,
  now: number,
  count: number,
): ReceptionDayView[] {
  if (!rule) return [];
  return (
    nextReceptionDates(rule, chinaDate(now), count, officialCalendar)
      // Only dates whose year's official calendar is known: a guessed date is worse than none.
      .filter((d) => officialCalendar.covers(Number(d.date.slice(0, 4))))
      .map((d) => ({ date: d.date, weekday: weekdayLabel(d.date), stationName, deputiesOnDuty: [] }))
  );
}

const UNKNOWN_CODE = fail('CODE.UNKNOWN', '没有找到这个二维码对应的代表或联络站，请核对后重新扫码');

async function landing(input: Record<string, unknown>, ctx: ActionContext): Promise<LandingView | Failure> {
  const target = targetFromOptions(
    Object.fromEntries(
      ['scene', 'q', 'type', 'code'].map((k) => [
        k,
        typeof input[k] === 'string' ? (input[k] as string) : undefined,
      ]),
    ),
  );
  if (!target) return fail('CODE.MALFORMED', '二维码无法识别，请扫描人大代表或联络站的二维码');
  const app = getApp();
  const db = getDb();
  const viewer = { openid: ctx.caller.openid };
  if (target.type === 'deputy') {
    const deputy = await findDeputyByCode(db, target.code);
    if (!deputy) return UNKNOWN_CODE;
    if (!deputy.active)
      return fail('CODE.RETIRED', `${deputy.name}已不再履行代表职务，您可以到所在联络站反映诉求`);
    const [station, list, [summary]] = await Promise.all([
      getById<StationDoc>(db, 'stations', deputy.stationId),
      categories(db, ctx.now),
      deputySummaries(app, [deputy]),
    ]);
    return {
      viewer,
      target: 'deputy',
      deputy: summary,
      station: station ? stationSummary(station) : null,
      nextReception: station ? (upcoming(station.receptionRule, station.name, ctx.now, 1)[0] ?? null) : null,
      categories: list,
    };
  }
  const station = await findStationByCode(db, target.code);
  if (!station) return UNKNOWN_CODE;
  if (!station.active) return fail('CODE.RETIRED', `${station.name}已停止接待，请联系当地人大常委会`);
  const [{ data: deputies }, list] = await Promise.all([
    db.collection('deputies').where({ stationId: station._id, active: true }).limit(100).get(),
    categories(db, ctx.now),
  ]);
  return {
    viewer,
    target: 'station',
    station: { ...stationSummary(station), openingHours: station.openingHours, location: station.location },
    deputies: await deputySummaries(app, deputies as DeputyDoc[]),
    nextReceptions: upcoming(station.receptionRule, station.name, ctx.now, 3),
    categories: list,
  };
}

/** Photos must exist in storage; their temporary URLs also start WeChat's media check. */
async function checkPhotos(app: App, fileIDs: string[], openid: string): Promise<PhotoRecord[] | Failure> {
  if (fileIDs.length === 0) return [];
  const { fileList } = await app.getTempFileURL({
    fileList: fileIDs.map((fileID) => ({ fileID, maxAge: 3600 })),
  });
  const urls = new Map(fileList.map((f) => [f.fileID, f.code === 'SUCCESS' ? f.tempFileURL : null]));
  if (fileIDs.some((id) => !urls.get(id)))
    return fail('PHOTO.INVALID', '有照片没有上传成功，请删除后重新添加', { photos: '有照片没有上传成功' });
  return Promise.all(
    fileIDs.map(async (fileID) => {
      const traceId = await startMediaCheck(app, urls.get(fileID)!, openid).catch(() => null);
      return { fileID, check: traceId ? ('pending' as const) : ('unchecked' as const), traceId };
    }),
  );
}

function duplicateIndex(error: unknown): string | null {
  const e = error as { code?: string; message?: string };
  if (e?.code !== 'DATABASE_DUPLICATE_WRITE') return null;
  return /index: (\S+)/.exec(e.message ?? '')?.[1] ?? 'unknown';
}

async function existingSubmission(
  db: Db,
  openid: string,
  clientRequestId: string,
): Promise<SubmitResult | null> {
  const { data } = await db.collection('cases').where({ openid, clientRequestId }).limit(1).get();
  const doc = data[0] as CaseDoc | undefined;
  return doc
    ? {
        caseId: doc._id,
        caseNo: doc.caseNo,
        status: doc.status,
        createdAt: new Date(doc.createdAt).getTime(),
        replayed: true,
      }
    : null;
}

/**
 * Stores an appeal in two database round trips: the deputy or station lookup, and one insert of the
 * case with its first event and the deputy's notification. A retried request (same
 * clientRequestId) hits the unique index and gets the stored case back instead of a second one.
 */
async function submit(raw: Record<string, unknown>, ctx: ActionContext): Promise<SubmitResult | Failure> {
  const unidentified = requireCaller(ctx);
  if (unidentified) return unidentified;
  const openid = ctx.caller.openid;
  const valid = validateSubmit(raw, openid);
  if (!valid.ok) return valid;
  const input: SubmitInput = valid.data;
  const app = getApp();
  const db = getDb();

  let deputy: DeputyDoc | null = null;
  let stationId: string | null;
  if (input.target.type === 'deputy') {
    deputy = await findDeputyByCode(db, input.target.code);
    if (!deputy) return UNKNOWN_CODE;
    if (!deputy.active) return fail('CODE.RETIRED', `${deputy.name}已不再履行代表职务，请向所在联络站反映`);
    stationId = deputy.stationId;
  } else {
    const station = await findStationByCode(db, input.target.code);
    if (!station) return UNKNOWN_CODE;
    if (!station.active) return fail('CODE.RETIRED', `${station.name}已停止接待`);
    stationId = station._id;
  }
  const category = (await categories(db, ctx.now)).find((c) => c.key === input.category);
  if (!category) return fail('INPUT.INVALID', '请选择问题分类', { category: '请选择问题分类' });

  const verdict = await checkText(app, input.description, openid);
  if (verdict === 'risky') {
    return fail('CONTENT.RISKY', '描述中含有不适宜发布的内容，请修改后再提交', {
      description: '含有不适宜发布的内容',
    });
  }
  const photos = await checkPhotos(app, input.photos, openid);
  if (isFailure(photos)) return photos;

  const now = new Date(ctx.now);
  for (let attempt = 0; attempt < 3; attempt++) {
    // Time-ordered and unguessable enough; the case number is what people quote.
    const caseId = `c${ctx.now.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const caseNo = newCaseNo(ctx.now, Math.random);
    const job = newJob({
      caseId,
      seq: 1,
      recipient: deputy ? 'deputy' : 'staff',
      template: 'caseReceived',
      to: deputy?.openid ?? null,
      data: caseReceivedData({
        caseNo,
        kind: input.kind,
        categoryName: category.name,
        description: input.description,
        createdAt: ctx.now,
      }),
      now: ctx.now,
      claimed: true,
      pageQuery: `id=${caseId}`,
    });
    const doc: CaseDoc = {
      _id: caseId,
      caseNo,
      openid,
      clientRequestId: input.clientRequestId,
      channel: deputy ? 'deputy_code' : 'station_code',
      deputyId: deputy?._id ?? null,
      stationId,
      kind: input.kind,
      category: category.key,
      categoryName: category.name,
      description: input.description,
      photos,
      location: input.location ?? null,
      phone: input.phone ?? null,
      contactName: input.contactName ?? null,
      anonymous: input.anonymous,
      status: 'submitted',
      version: 1,
      createdAt: now,
      updatedAt: now,
      events: [
        {
          seq: 1,
          type: 'submitted',
          at: now,
          actor: {
            role: 'resident',
            id: openid,
            name: input.anonymous ? '匿名群众' : input.contactName || '群众',
          },
          from: null,
          to: 'submitted',
          note: null,
          requestId: input.clientRequestId,
        },
      ],
      unreadByResident: false,
      unreadByDeputy: true,
      outbox: [job],
      outboxDueAt: dueAt([job]),
      outboxRev: 1,
      textCheck: verdict,
      ...INITIAL_FACTS,
      dueAt: null,
    };
    try {
      await db.collection('cases').add(doc);
    } catch (error) {
      const index = duplicateIndex(error);
      if (index?.startsWith('openid_clientRequestId')) {
        const replay = await existingSubmission(db, openid, input.clientRequestId);
        if (replay) return replay;
      }
      if (index?.startsWith('caseNo') || index === '_id_') continue;
      throw error;
    }
    // The deputy is told at once; if WeChat is slow or refuses, the outbox sweep settles it later.
    await deliverClaimed(app, db, doc, [job.id], ctx.now).catch((error) =>
      console.warn('[resident.submit] notify', error),
    );
    return { caseId, caseNo, status: doc.status, createdAt: ctx.now, replayed: false };
  }
  return fail('CONFLICT', '提交繁忙，请稍后重试');
}

/** The caller's own case, or NOT_FOUND: someone else's case answers exactly like a missing one. */
async function ownCase(db: Db, ctx: ActionContext, caseId: unknown): Promise<CaseDoc | Failure> {
  const unidentified = requireCaller(ctx);
  if (unidentified) return unidentified;
  const doc = typeof caseId === 'string' && caseId ? await getById<CaseDoc>(db, 'cases', caseId) : null;
  return doc && doc.openid === ctx.caller.openid ? doc : fail('NOT_FOUND', '没有找到这条诉求');
}

async function residentView(db: Db, doc: CaseDoc) {
  const [photos, deputy, station] = await Promise.all([
    photoViews(getApp(), doc),
    getById<DeputyDoc>(db, 'deputies', doc.deputyId),
    getById<StationDoc>(db, 'stations', doc.stationId),
  ]);
  return toDetail(doc, 'resident', photos, { deputy: deputy?.name ?? null, station: station?.name ?? null });
}

export const main = defineFunction('resident', {
  landing,
  submit,

  async myCases(input, ctx) {
    const unidentified = requireCaller(ctx);
    if (unidentified) return unidentified;
    const db = getDb();
    const limit = pageLimit(input.limit);
    const before = decodeCursor(input.cursor);
    const where: Record<string, unknown> = { openid: ctx.caller.openid };
    if (before) where.createdAt = db.command.lt(before);
    const { data } = await db
      .collection('cases')
      .where(where)
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .get();
    const items = (data as CaseDoc[]).map((d) => toListItem(d, 'resident'));
    return { items, nextCursor: encodeCursor(items, limit) };
  },

  async caseDetail(input, ctx) {
    const db = getDb();
    const doc = await ownCase(db, ctx, input.caseId);
    if (isFailure(doc)) return doc;
    if (doc.unreadByResident) await db.collection('cases').doc(doc._id).update({ unreadByResident: false });
    return residentView(db, { ...doc, unreadByResident: false });
  },

  /** 满意 / 基本满意 closes the case; 不满意 leaves it for the deputy or office to redo or supervise. */
  async rate(input, ctx) {
    const db = getDb();
    const doc = await ownCase(db, ctx, input.caseId);
    if (isFailure(doc)) return doc;
    const rating = input.rating as Rating;
    if (!RATINGS.includes(rating))
      return fail('INPUT.INVALID', '请选择满意程度', { rating: '请选择满意程度' });
    const clientRequestId = typeof input.clientRequestId === 'string' ? input.clientRequestId : '';
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientRequestId)) {
      return fail('INPUT.INVALID', '请求编号无效，请重新提交', { clientRequestId: '请求编号无效' });
    }
    const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
    const result = await applyAction(
      getApp(),
      db,
      doc,
      {
        action: 'rate',
        actor: {
          role: 'resident',
          id: ctx.caller.openid,
          name: doc.anonymous ? '匿名群众' : doc.contactName || '群众',
        },
        input: { rating, ...(comment ? { note: comment } : {}) },
        clientRequestId,
        actorParty: 'resident',
      },
      ctx.now,
    );
    return isFailure(result) ? result : residentView(db, result);
  },

  async me(_input, ctx) {
    const unidentified = requireCaller(ctx);
    if (unidentified) return unidentified;
    const db = getDb();
    const user = await rolesOf(db, ctx.caller.openid);
    const roles = await Promise.all(
      (user?.roles ?? []).map(async (r): Promise<MeView['roles'][number]> => {
        if (r.role === 'deputy') {
          const d = await getById<DeputyDoc>(db, 'deputies', r.deputyId);
          return { role: 'deputy' as const, deputyId: r.deputyId, name: d?.name ?? '' };
        }
        if (r.role === 'staff') {
          const s = await getById<StationDoc>(db, 'stations', r.stationId);
          return { role: 'staff' as const, stationId: r.stationId, name: s?.name ?? '' };
        }
        if (r.role === 'unit') {
          const u = await getById<UnitDoc>(db, 'departments', r.unitId);
          return { role: 'unit' as const, unitId: r.unitId, name: u?.name ?? '' };
        }
        return { role: 'office' as const, name: '人大常委会代表工委' };
      }),
    );
    const deputyIds = roles.flatMap((r) => (r.role === 'deputy' ? [r.deputyId] : []));
    const [asResident, asDeputy] = await Promise.all([
      db.collection('cases').where({ openid: ctx.caller.openid, unreadByResident: true }).count(),
      deputyIds.length
        ? db
            .collection('cases')
            .where({ deputyId: db.command.in(deputyIds), unreadByDeputy: true })
            .count()
        : Promise.resolve({ total: 0 }),
    ]);
    return {
      openid: ctx.caller.openid,
      roles,
      unread: { asResident: asResident.total, asDeputy: asDeputy.total },
    };
  },
});
