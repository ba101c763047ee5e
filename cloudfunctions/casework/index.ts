import type { CaseworkListItem, CaseworkView, QueueView, UnitView } from '../../miniprogram/core/api';
import { CASE_NO_PATTERN } from '../../miniprogram/core/case-number';
import { allowedActions, type ActionInput, type Actor, type Party } from '../../miniprogram/core/lifecycle';
import {
  CASE_ACTIONS,
  OPEN_STATUSES,
  ROUTE_KINDS,
  type CaseAction,
  type RouteKind,
} from '../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { getApp, getDb, type Db } from '../_lib/platform/app';
import type { CaseDoc } from '../_lib/platform/schema/cases';
import {
  getById,
  rolesOf,
  type DeputyDoc,
  type StationDoc,
  type UnitDoc,
  type UserDoc,
} from '../_lib/directory/records';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/platform/handler';
import { applyAction, deadlineView, stateOf } from '../_lib/cases/transition';
import {
  decodeCursor,
  encodeCursor,
  pageLimit,
  photoViews,
  toDeputyListItem,
  toDetail,
} from '../_lib/cases/views';

/**
 * Casework for everyone who handles cases: deputies (their own cases), station staff (their
 * station's), handling units (cases routed to them) and the congress office (all, with review and
 * supervision). The caller's role comes from `users`, bound by the office, never from the request.
 */

const UNIT_KIND_FOR_ROUTE: Partial<Record<RouteKind, UnitDoc['kind']>> = {
  assign: 'township',
  transfer: 'city_department',
  escalate: 'higher_congress',
};

interface Handler {
  user: UserDoc;
  deputyIds: string[];
  stationIds: string[];
  unitIds: string[];
  office: boolean;
}

async function currentHandler(db: Db, ctx: ActionContext): Promise<Handler | Failure> {
  const unidentified = requireCaller(ctx);
  if (unidentified) return unidentified;
  const user = await rolesOf(db, ctx.caller.openid);
  const roles = user?.roles ?? [];
  const handler: Handler = {
    user: user!,
    deputyIds: roles.flatMap((r) => (r.role === 'deputy' ? [r.deputyId] : [])),
    stationIds: roles.flatMap((r) => (r.role === 'staff' ? [r.stationId] : [])),
    unitIds: roles.flatMap((r) => (r.role === 'unit' ? [r.unitId] : [])),
    office: roles.some((r) => r.role === 'office'),
  };
  const any =
    handler.deputyIds.length + handler.stationIds.length + handler.unitIds.length > 0 || handler.office;
  return any ? handler : fail('AUTH.FORBIDDEN', '此功能仅限代表、联络站、承办单位和代表工委使用');
}

/** The role the caller acts in on this case, or null when it is none of theirs. */
async function actorFor(
  db: Db,
  handler: Handler,
  doc: CaseDoc,
): Promise<{ actor: Actor; party: Party } | null> {
  if (doc.deputyId && handler.deputyIds.includes(doc.deputyId)) {
    const deputy = await getById<DeputyDoc>(db, 'deputies', doc.deputyId);
    return { actor: { role: 'deputy', id: doc.deputyId, name: deputy?.name ?? '代表' }, party: 'deputy' };
  }
  if (doc.stationId && handler.stationIds.includes(doc.stationId)) {
    const station = await getById<StationDoc>(db, 'stations', doc.stationId);
    return { actor: { role: 'staff', id: doc.stationId, name: station?.name ?? '联络站' }, party: 'deputy' };
  }
  if (doc.unitId && handler.unitIds.includes(doc.unitId)) {
    const unit = await getById<UnitDoc>(db, 'departments', doc.unitId);
    return { actor: { role: 'unit', id: doc.unitId, name: unit?.name ?? '承办单位' }, party: 'unit' };
  }
  if (handler.office) return { actor: { role: 'office', id: 'office', name: '代表工委' }, party: 'office' };
  return null;
}

async function accessibleCase(db: Db, handler: Handler, caseId: unknown) {
  const doc = typeof caseId === 'string' && caseId ? await getById<CaseDoc>(db, 'cases', caseId) : null;
  const as = doc ? await actorFor(db, handler, doc) : null;
  return doc && as ? { doc, as } : fail('NOT_FOUND', '没有找到这条诉求');
}

async function view(db: Db, doc: CaseDoc, as: { actor: Actor }, now: number): Promise<CaseworkView> {
  const [photos, deputy, station, unit] = await Promise.all([
    photoViews(getApp(), doc),
    getById<DeputyDoc>(db, 'deputies', doc.deputyId),
    getById<StationDoc>(db, 'stations', doc.stationId),
    getById<UnitDoc>(db, 'departments', doc.unitId ?? null),
  ]);
  const detail = toDetail(doc, 'deputy', photos, {
    deputy: deputy?.name ?? null,
    station: station?.name ?? null,
  });
  // A handling unit works on the problem; contacting the resident stays with the deputy or station.
  const contact = as.actor.role === 'unit' ? { phone: null, contactName: null } : {};
  return {
    ...detail,
    ...contact,
    route: doc.route ?? null,
    unit: unit ? { id: unit._id, name: unit.name } : null,
    supervised: doc.supervised ?? false,
    rating: doc.rating ?? null,
    closedBy: doc.closedBy ?? null,
    deadline: deadlineView(doc, now),
    actions: allowedActions(stateOf(doc), as.actor.role),
  };
}

function scope(db: Db, handler: Handler): Record<string, unknown> | null {
  if (handler.office) return null;
  const _ = db.command;
  const parts: Array<Record<string, unknown>> = [];
  if (handler.deputyIds.length) parts.push({ deputyId: _.in(handler.deputyIds) });
  if (handler.stationIds.length) parts.push({ stationId: _.in(handler.stationIds) });
  if (handler.unitIds.length) parts.push({ unitId: _.in(handler.unitIds) });
  return parts.length === 1 ? parts[0] : { $or: parts };
}

function asString(value: unknown, max = 500): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

export const main = defineFunction('casework', {
  async queue(input, ctx) {
    const db = getDb();
    const handler = await currentHandler(db, ctx);
    if (isFailure(handler)) return handler;
    const _ = db.command;
    const which: QueueView = ['overdue', 'review', 'supervised'].includes(String(input.view))
      ? (input.view as QueueView)
      : 'mine';
    if ((which === 'review' || which === 'supervised') && !handler.office)
      return fail('AUTH.FORBIDDEN', '仅代表工委可以查看');
    const conditions: Array<Record<string, unknown>> = [];
    const mine = scope(db, handler);
    if (mine) conditions.push(mine);
    if (which === 'overdue') conditions.push({ status: _.in(OPEN_STATUSES), dueAt: _.lt(new Date(ctx.now)) });
    if (which === 'review') conditions.push({ status: 'pending_review' });
    if (which === 'supervised')
      conditions.push({ supervised: true, status: _.in([...OPEN_STATUSES, 'answered']) });
    const before = decodeCursor(input.cursor);
    if (before) conditions.push({ createdAt: _.lt(before) });
    const limit = pageLimit(input.limit);
    const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions);
    const { data } = await db
      .collection('cases')
      .where(where)
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .get();
    const docs = data as CaseDoc[];
    const unitIds = [...new Set(docs.map((d) => d.unitId).filter((id): id is string => Boolean(id)))];
    const units = unitIds.length
      ? ((
          await db
            .collection('departments')
            .where({ _id: _.in(unitIds) })
            .get()
        ).data as UnitDoc[])
      : [];
    const items: CaseworkListItem[] = docs.map((d) => ({
      ...toDeputyListItem(d),
      unread: d.unreadByDeputy,
      deadline: deadlineView(d, ctx.now),
      supervised: d.supervised ?? false,
      unitName: units.find((u) => u._id === d.unitId)?.name ?? null,
    }));
    return { items, nextCursor: encodeCursor(items, limit) };
  },

  async caseDetail(input, ctx) {
    const db = getDb();
    const handler = await currentHandler(db, ctx);
    if (isFailure(handler)) return handler;
    const found = await accessibleCase(db, handler, input.caseId);
    if (isFailure(found)) return found;
    if (found.as.party === 'deputy' && found.doc.unreadByDeputy) {
      await db.collection('cases').doc(found.doc._id).update({ unreadByDeputy: false });
    }
    return view(db, found.doc, found.as, ctx.now);
  },

  async act(input, ctx) {
    const db = getDb();
    const handler = await currentHandler(db, ctx);
    if (isFailure(handler)) return handler;
    const action = input.action as CaseAction;
    const clientRequestId = typeof input.clientRequestId === 'string' ? input.clientRequestId : '';
    const fields: Record<string, string> = {};
    if (!CASE_ACTIONS.includes(action)) fields.action = '未知的操作';
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientRequestId)) fields.clientRequestId = '请求编号无效，请重新提交';
    if (input.route !== undefined && !ROUTE_KINDS.includes(input.route as RouteKind))
      fields.route = '请选择办理方式';
    if (Object.keys(fields).length) return fail('INPUT.INVALID', Object.values(fields)[0], fields);

    const found = await accessibleCase(db, handler, input.caseId);
    if (isFailure(found)) return found;
    const actionInput: ActionInput = {};
    const note = asString(input.note);
    if (note) actionInput.note = note;
    if (input.route) actionInput.route = input.route as RouteKind;
    const unitId = asString(input.unitId, 64);
    if (unitId) {
      const unit = await getById<UnitDoc>(db, 'departments', unitId);
      const expected = UNIT_KIND_FOR_ROUTE[actionInput.route ?? 'direct'];
      if (!unit || !unit.active || (expected && unit.kind !== expected)) {
        return fail('INPUT.INVALID', '请选择正确的承办单位', { unitId: '请选择正确的承办单位' });
      }
      actionInput.unitId = unitId;
    }
    if (action === 'merge') {
      // People quote case numbers (受理编号); ids also work.
      const named = asString(input.intoCaseId, 64) ?? '';
      const byNumber = CASE_NO_PATTERN.test(named)
        ? ((await db.collection('cases').where({ caseNo: named }).limit(1).get()).data[0] as
            CaseDoc | undefined)
        : undefined;
      const into = await accessibleCase(db, handler, byNumber?._id ?? named);
      if (isFailure(into))
        return fail('INPUT.INVALID', '没有找到要合并到的诉求', { intoCaseId: '没有找到要合并到的诉求' });
      actionInput.into = {
        id: into.doc._id,
        createdAt: new Date(into.doc.createdAt).getTime(),
        status: into.doc.status,
      };
    }
    const result = await applyAction(
      getApp(),
      db,
      found.doc,
      { action, actor: found.as.actor, input: actionInput, clientRequestId, actorParty: found.as.party },
      ctx.now,
    );
    return isFailure(result) ? result : view(db, result, found.as, ctx.now);
  },

  async units(_input, ctx) {
    const db = getDb();
    const handler = await currentHandler(db, ctx);
    if (isFailure(handler)) return handler;
    const { data } = await db.collection('departments').where({ active: true }).limit(200).get();
    return (data as UnitDoc[]).map((u): UnitView => ({ id: u._id, name: u.name, kind: u.kind }));
  },
});
