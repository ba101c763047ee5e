import type {
  LandingView,
  MeView,
  ReceptionDayView,
  SubmitInput,
  SubmitResult,
} from '../../miniprogram/core/api';
import { newCaseNo } from '../../miniprogram/core/case-number';
import { targetFromOptions } from '../../miniprogram/core/codes';
import { RATINGS, type Rating } from '../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { validateSubmit } from '../../miniprogram/core/submit';
import { getApp, getDb, type Db } from '../_lib/platform/app';
import { redeemBindCode } from '../_lib/directory/binding';
import type { CaseDoc } from '../_lib/platform/schema/cases';
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
} from '../_lib/directory/records';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/platform/handler';
import { checkPhotos, duplicateIndex, newCaseDoc } from '../_lib/cases/new-case';
import { deliverClaimed } from '../_lib/outbox/outbox';
import { upcomingReceptions } from '../_lib/reception/store';
import { applyAction } from '../_lib/cases/transition';
import { decodeCursor, encodeCursor, pageLimit, photoViews, toDetail, toListItem } from '../_lib/cases/views';
import { checkText } from '../_lib/platform/wechat';

/** What a resident does: open a deputy's or station's page from a scan, submit, follow their cases. */

/**
 * The station's next reception days: its plan (the rule and staff's changes: moved, cancelled and
 * extra days), each with the deputies on duty once the roster is published (_lib/reception-store.ts).
 */
function upcoming(db: Db, station: StationDoc, now: number, count: number): Promise<ReceptionDayView[]> {
  return upcomingReceptions(db, station, now, count);
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
      nextReception: station ? ((await upcoming(db, station, ctx.now, 1))[0] ?? null) : null,
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
    nextReceptions: await upcoming(db, station, ctx.now, 3),
    categories: list,
  };
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

  for (let attempt = 0; attempt < 3; attempt++) {
    // Time-ordered and unguessable enough; the case number is what people quote.
    const caseId = `c${ctx.now.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const caseNo = newCaseNo(ctx.now, Math.random);
    const { doc, jobId } = newCaseDoc({
      caseId,
      caseNo,
      openid,
      clientRequestId: input.clientRequestId,
      channel: deputy ? 'deputy_code' : 'station_code',
      deputy: deputy ? { id: deputy._id, openid: deputy.openid } : null,
      stationId,
      kind: input.kind,
      category,
      description: input.description,
      photos,
      location: input.location ?? null,
      phone: input.phone ?? null,
      contactName: input.contactName ?? null,
      anonymous: input.anonymous,
      textCheck: verdict,
      actor: {
        role: 'resident',
        id: openid,
        name: input.anonymous ? '匿名群众' : input.contactName || '群众',
      },
      requestId: input.clientRequestId,
      now: ctx.now,
    });
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
    await deliverClaimed(app, db, doc, [jobId], ctx.now).catch((error) =>
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

/** Who the caller is bound as, and what is unread for them: `me`, and the answer of `bind`. */
async function meOf(db: Db, openid: string): Promise<MeView> {
  const user = await rolesOf(db, openid);
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
    db.collection('cases').where({ openid, unreadByResident: true }).count(),
    deputyIds.length
      ? db
          .collection('cases')
          .where({ deputyId: db.command.in(deputyIds), unreadByDeputy: true })
          .count()
      : Promise.resolve({ total: 0 }),
  ]);
  return {
    openid,
    roles,
    unread: { asResident: asResident.total, asDeputy: asDeputy.total },
  };
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
    return meOf(getDb(), ctx.caller.openid);
  },

  /** Binds the caller's WeChat account to a role with a one-time code from the office (_lib/binding.ts). */
  async bind(input, ctx) {
    const db = getDb();
    const refused = await redeemBindCode(db, ctx, input.code);
    return refused ?? meOf(db, ctx.caller.openid);
  },
});
