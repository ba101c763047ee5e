import type {
  CaseworkListItem,
  CaseworkView,
  Page,
  QueueView,
  UnitView,
} from '../../../miniprogram/core/api';
import { CASE_NO_PATTERN } from '../../../miniprogram/core/case-number';
import {
  allowedActions,
  type ActionInput,
  type Actor,
  type Party,
} from '../../../miniprogram/core/lifecycle';
import {
  CASE_ACTIONS,
  OPEN_STATUSES,
  ROUTE_KINDS,
  type CaseAction,
  type RouteKind,
} from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import {
  byIds,
  collection,
  findOne,
  getById,
  requestIdOf,
  requireHandler,
  screenTexts,
  standingOn,
  TEXT_SCENE,
  type ActionContext,
  type CaseDoc,
  type CaseStanding,
  type Handler,
  type UnitDoc,
} from '../platform';
import { applyAction, deadlineView, stateOf } from './transition';
import { decodeCursor, encodeCursor, mediaViews, pageLimit, toDeputyListItem, toDetail } from './views';

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

const PARTY: Record<CaseStanding['role'], Party> = {
  deputy: 'deputy',
  staff: 'deputy',
  unit: 'unit',
  office: 'office',
};

/** The caller acting on a case: as whom the timeline names them, and who they are for notifications. */
interface Acting {
  actor: Actor;
  party: Party;
}

async function acting(ctx: ActionContext, standing: CaseStanding): Promise<Acting> {
  const party = PARTY[standing.role];
  switch (standing.role) {
    case 'deputy': {
      const deputy = await getById(ctx.db, 'deputies', standing.deputyId);
      return { actor: { role: 'deputy', id: standing.deputyId, name: deputy?.name ?? '代表' }, party };
    }
    case 'staff': {
      const station = await getById(ctx.db, 'stations', standing.stationId);
      return { actor: { role: 'staff', id: standing.stationId, name: station?.name ?? '联络站' }, party };
    }
    case 'unit': {
      const unit = await getById(ctx.db, 'departments', standing.unitId);
      return { actor: { role: 'unit', id: standing.unitId, name: unit?.name ?? '承办单位' }, party };
    }
    case 'office':
      return { actor: { role: 'office', id: 'office', name: '代表工委' }, party };
  }
}

/** A case the handler may act on, with the role they act in; other cases answer like missing ones. */
async function accessibleCase(
  ctx: ActionContext,
  handler: Handler,
  caseId: unknown,
): Promise<{ doc: CaseDoc; as: Acting } | Failure> {
  const doc = typeof caseId === 'string' && caseId ? await getById(ctx.db, 'cases', caseId) : null;
  const standing = doc ? standingOn(handler, doc) : null;
  return doc && standing ? { doc, as: await acting(ctx, standing) } : fail('NOT_FOUND', '没有找到这条诉求');
}

/** A unit reads a case without its resident (views.ts); everyone else who handles it, as a handler. */
const readerAs = (role: Actor['role'] | CaseStanding['role']): 'unit' | 'handler' =>
  role === 'unit' ? 'unit' : 'handler';
/** How the handlers' screen names a field WeChat's text check sent to review (CaseDoc `textReview`). */
const REVIEW_LABELS: Record<string, string> = {
  description: '问题描述',
  contactName: '联系人姓名',
  'location.name': '地点名称',
  'location.address': '地址',
  comment: '群众评价',
  note: '答复或说明',
  supplement: '群众补充',
  reason: '撤回原因',
};

async function view(ctx: ActionContext, doc: CaseDoc, as: Acting): Promise<CaseworkView> {
  const reader = readerAs(as.actor.role);
  const [media, deputy, station, unit] = await Promise.all([
    mediaViews(ctx.app, doc, reader),
    getById(ctx.db, 'deputies', doc.deputyId),
    getById(ctx.db, 'stations', doc.stationId),
    getById(ctx.db, 'departments', doc.unitId),
  ]);
  const detail = toDetail(doc, reader, media, {
    deputy: deputy?.name ?? null,
    station: station?.name ?? null,
  });
  return {
    ...detail,
    route: doc.route ?? null,
    unit: unit ? { id: unit._id, name: unit.name } : null,
    supervised: doc.supervised ?? false,
    rating: doc.rating ?? null,
    closedBy: doc.closedBy ?? null,
    deadline: deadlineView(doc, ctx.now),
    actions: allowedActions(stateOf(doc), as.actor.role),
    contentReview: (doc.textReview ?? []).map((field) => REVIEW_LABELS[field] ?? field),
  };
}

/** The cases that are the handler's (none for the office: every case is). */
function scope(ctx: ActionContext, handler: Handler): object | null {
  if (handler.office) return null;
  const _ = ctx.db.command;
  const parts: object[] = [];
  if (handler.deputyIds.length) parts.push({ deputyId: _.in(handler.deputyIds) });
  if (handler.stationIds.length) parts.push({ stationId: _.in(handler.stationIds) });
  if (handler.unitIds.length) parts.push({ unitId: _.in(handler.unitIds) });
  return parts.length === 1 ? parts[0] : { $or: parts };
}

function asString(value: unknown, max = 500): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

const QUEUES: QueueView[] = ['mine', 'overdue', 'review', 'supervised'];

/** `casework.queue`: the caller's cases (or the office's review and supervision lists), newest first. */
export async function queue(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<Page<CaseworkListItem> | Failure> {
  const handler = await requireHandler(ctx);
  if (isFailure(handler)) return handler;
  const { db } = ctx;
  const _ = db.command;
  const which: QueueView = QUEUES.includes(input.view as QueueView) ? (input.view as QueueView) : 'mine';
  if ((which === 'review' || which === 'supervised') && !handler.office)
    return fail('AUTH.FORBIDDEN', '仅代表工委可以查看');
  const conditions: object[] = [];
  const mine = scope(ctx, handler);
  if (mine) conditions.push(mine);
  if (which === 'overdue') conditions.push({ status: _.in(OPEN_STATUSES), dueAt: _.lt(ctx.now) });
  if (which === 'review') conditions.push({ status: 'pending_review' });
  if (which === 'supervised')
    conditions.push({ supervised: true, status: _.in([...OPEN_STATUSES, 'answered']) });
  const before = decodeCursor(input.cursor);
  if (before !== null) conditions.push({ createdAt: _.lt(before) });
  const limit = pageLimit(input.limit);
  const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions);
  const { data: docs } = await collection(db, 'cases')
    .where(where)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  const units = await byIds(
    db,
    'departments',
    docs.flatMap((d) => (d.unitId ? [d.unitId] : [])),
  );
  const items: CaseworkListItem[] = docs.map((d) => ({
    ...toDeputyListItem(d, readerAs(standingOn(handler, d)?.role ?? 'unit')),
    unread: d.unreadByDeputy,
    deadline: deadlineView(d, ctx.now),
    supervised: d.supervised ?? false,
    unitName: (d.unitId && units.get(d.unitId)?.name) || null,
  }));
  return { items, nextCursor: encodeCursor(items, limit) };
}

/** `casework.caseDetail`: one case as a handler sees it, with the actions allowed to them now. */
export async function caseworkDetail(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseworkView | Failure> {
  const handler = await requireHandler(ctx);
  if (isFailure(handler)) return handler;
  const found = await accessibleCase(ctx, handler, input.caseId);
  if (isFailure(found)) return found;
  if (found.as.party === 'deputy' && found.doc.unreadByDeputy) {
    await collection(ctx.db, 'cases').doc(found.doc._id).update({ unreadByDeputy: false });
  }
  return view(ctx, found.doc, found.as);
}

/** `casework.act`: one lifecycle action on a case (accept, route, answer, supervise, merge, …). */
export async function act(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseworkView | Failure> {
  const handler = await requireHandler(ctx);
  if (isFailure(handler)) return handler;
  const action = input.action as CaseAction;
  const clientRequestId = requestIdOf(input);
  const fields: Record<string, string> = {};
  if (!CASE_ACTIONS.includes(action)) fields.action = '未知的操作';
  if (isFailure(clientRequestId)) Object.assign(fields, clientRequestId.fields);
  if (input.route !== undefined && !ROUTE_KINDS.includes(input.route as RouteKind))
    fields.route = '请选择办理方式';
  // Free text is cleaned and measured by the lifecycle (core/text.ts); a note of another type is refused.
  const note = textInput(input.note, 'lines');
  if (note === null) fields.note = WRONG_TYPE;
  for (const key of ['unitId', 'intoCaseId'] as const)
    if (input[key] !== undefined && input[key] !== null && typeof input[key] !== 'string')
      fields[key] = WRONG_TYPE;
  if (isFailure(clientRequestId) || Object.keys(fields).length) return invalid(fields);

  const found = await accessibleCase(ctx, handler, input.caseId);
  if (isFailure(found)) return found;
  const actionInput: ActionInput = {};
  if (note) actionInput.note = note;
  if (input.route) actionInput.route = input.route as RouteKind;
  // The lifecycle checks it (an answer's outcome); left out, an answer records none.
  if (input.outcome !== undefined && input.outcome !== null)
    actionInput.outcome = input.outcome as ActionInput['outcome'];
  const unitId = asString(input.unitId, 64);
  if (unitId) {
    const unit = await getById(ctx.db, 'departments', unitId);
    const expected = UNIT_KIND_FOR_ROUTE[actionInput.route ?? 'direct'];
    if (!unit || !unit.active || (expected && unit.kind !== expected)) {
      return invalid({ unitId: '请选择正确的承办单位' });
    }
    actionInput.unitId = unitId;
  }
  if (action === 'merge') {
    // People quote case numbers (受理编号); ids also work.
    const named = asString(input.intoCaseId, 64) ?? '';
    const byNumber = CASE_NO_PATTERN.test(named) ? await findOne(ctx.db, 'cases', { caseNo: named }) : null;
    const into = await accessibleCase(ctx, handler, byNumber?._id ?? named);
    if (isFailure(into)) return invalid({ intoCaseId: '没有找到要合并到的诉求' });
    actionInput.into = { id: into.doc._id, createdAt: into.doc.createdAt, status: into.doc.status };
  }
  const screened = await screenTexts(ctx.caller.openid, [
    { field: 'note', label: '填写的说明', text: actionInput.note, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  const result = await applyAction(ctx, found.doc, {
    action,
    actor: found.as.actor,
    input: actionInput,
    review: screened.review,
    clientRequestId,
    actorParty: found.as.party,
  });
  return isFailure(result) ? result : view(ctx, result, found.as);
}

/** `casework.units`: the active handling units, to route a case to. */
export async function units(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<UnitView[] | Failure> {
  const handler = await requireHandler(ctx);
  if (isFailure(handler)) return handler;
  const { data } = await collection(ctx.db, 'departments').where({ active: true }).limit(200).get();
  return data.map((u) => ({ id: u._id, name: u.name, kind: u.kind }));
}
