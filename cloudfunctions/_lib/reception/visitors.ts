import type { VisitView } from '../../../miniprogram/core/api';
import { isIsoDate } from '../../../miniprogram/core/china-time';
import type { CaseKind } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { LIMITS, validateSubmit } from '../../../miniprogram/core/submit';
import { charLength, isValidPhone, textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import { adoptPhotos, checkPhotos, storeNewCase } from '../cases';
import { categories } from '../directory';
import {
  collection,
  derivedId,
  duplicateIndex,
  getById,
  requestIdOf,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type PhotoRecord,
  type VisitDoc,
} from '../platform';
import { stationStaff } from './access';
import { peopleOf } from './people';
import { plannedDayOn, receptionDayId } from './plan';

/**
 * The visitor log (接待群众): station staff register each visitor of a reception day (or a walk-in
 * today), and each item they raise becomes a case addressed to the deputy who received them.
 *
 * - Visitors are registered for a reception day of the station, past or today (staff copy a paper
 *   log in afterwards), or for today when it is not one (a resident who walks in on an ordinary
 *   open day is received too). Never for a future date, nor for a past day that was not a reception
 *   day (RECEPTION.NO_SUCH_DAY).
 * - The deputy who received the visitor must belong to the station (ROSTER.NOT_STATION_DEPUTY) and,
 *   when the day has a published roster or attendance taken, be on it or present (ROSTER.NOT_ON_DUTY).
 * - A visit answered on the spot (当场答复) with no items opens no case and is counted as answered
 *   on the spot; items raised in the same visit still become cases.
 * - A visitor's case has no WeChat account behind it (`openid` empty, cases/new-case.ts); its
 *   text was typed by staff, so it is not sent through WeChat's content check.
 */

/** Items one visitor can raise in one registration. */
const MAX_ITEMS = 10;

function visitView(doc: VisitDoc, replayed: boolean): VisitView {
  return {
    visitId: doc._id,
    date: doc.date,
    receivedBy: { id: doc.receivedBy, name: doc.receivedByName },
    answeredOnSpot: doc.answeredOnSpot,
    cases: doc.items.map((i) => ({
      caseId: i.caseId,
      caseNo: i.caseNo,
      kind: i.kind,
      categoryName: i.categoryName,
    })),
    createdAt: doc.createdAt,
    replayed,
  };
}

interface CheckedVisit {
  visitorName: string | null;
  phone: string | null;
  anonymous: boolean;
  answeredOnSpot: boolean;
  answer: string | null;
  items: Array<{ kind: CaseKind; category: string; description: string; photos: string[] }>;
}

/** The visitor's details and items; each item is checked as a resident's submission would be. */
function checkVisit(
  input: Record<string, unknown>,
  staffOpenid: string,
  stationCode: string,
): CheckedVisit | Failure {
  const fields: Record<string, string> = {};
  const anonymous = input.anonymous === true;
  if (input.anonymous !== undefined && typeof input.anonymous !== 'boolean')
    fields.anonymous = '请选择是否匿名登记';
  // Free text cleaned by the core's one rule (core/text.ts); a value of another type is refused.
  const visitorNameText = textInput(input.visitorName);
  const phoneText = textInput(input.phone);
  const answerText = textInput(input.answer, 'lines');
  const visitorName = visitorNameText ?? '';
  const phone = (phoneText ?? '').replace(/\s/g, '');
  if (visitorNameText === null) fields.visitorName = `姓名${WRONG_TYPE}`;
  if (phoneText === null) fields.phone = `电话${WRONG_TYPE}`;
  if (answerText === null) fields.answer = `答复${WRONG_TYPE}`;
  if (anonymous && (visitorName || phone)) fields.anonymous = '匿名登记时不能留下姓名和电话';
  if (phone && !isValidPhone(phone)) fields.phone = '请填写正确的手机号或带区号的固定电话';
  if (charLength(visitorName) > LIMITS.contactNameMax)
    fields.visitorName = `姓名最多 ${LIMITS.contactNameMax} 个字`;
  if (typeof input.answeredOnSpot !== 'boolean') fields.answeredOnSpot = '请选择是否当场答复';
  const answeredOnSpot = input.answeredOnSpot === true;
  const answer = answeredOnSpot ? (answerText ?? '') : '';
  if (charLength(answer) > LIMITS.replyMax) fields.answer = `答复最多 ${LIMITS.replyMax} 个字`;

  const rawItems = input.items === undefined ? [] : input.items;
  const items: CheckedVisit['items'] = [];
  if (!Array.isArray(rawItems)) fields.items = '反映事项无效';
  else if (rawItems.length > MAX_ITEMS) fields.items = `一次最多登记 ${MAX_ITEMS} 项`;
  else if (rawItems.length === 0 && !answeredOnSpot && !fields.answeredOnSpot)
    fields.items = '请登记群众反映的事项，或选择当场答复';
  else {
    rawItems.forEach((raw, i) => {
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const checked = validateSubmit(
        {
          target: { type: 'station', code: stationCode },
          kind: item.kind,
          category: item.category,
          description: item.description,
          photos: item.photos ?? [],
          anonymous: true,
          consent: true,
          clientRequestId: 'visitor-item',
        },
        staffOpenid,
      );
      if (checked.ok) {
        const { kind, category, description, photos } = checked.data;
        items.push({ kind, category, description, photos });
        return;
      }
      for (const key of ['kind', 'category', 'description', 'photos'])
        if (checked.fields?.[key]) fields[`items.${i}.${key}`] = checked.fields[key];
    });
  }
  if (Object.keys(fields).length > 0) return invalid(fields);
  return {
    visitorName: anonymous ? null : visitorName || null,
    phone: anonymous ? null : phone || null,
    anonymous,
    answeredOnSpot,
    answer: answer || null,
    items,
  };
}

/** `station.registerVisitor`: one visit and its items; a retried registration creates nothing twice. */
export async function registerVisitor(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<VisitView | Failure> {
  const access = await stationStaff(input, ctx, 'write');
  if (isFailure(access)) return access;
  const { station, today, who } = access;
  const { app, db } = ctx;
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  const visitId = derivedId('v', station._id, clientRequestId);
  const replay = await getById(db, 'visitors', visitId);
  if (replay) return visitView(replay, true);

  const date = input.date;
  if (!isIsoDate(date)) return invalid({ date: '请选择来访日期' });
  if (date > today) return invalid({ date: '不能登记今天以后的来访' });
  const day = plannedDayOn(station, date);
  if (!day && date !== today)
    return fail('RECEPTION.NO_SUCH_DAY', `${date} 不是本站的接待日`, { date: '该日不是接待日' });
  const visit = checkVisit(input, ctx.caller.openid, station.code);
  if (isFailure(visit)) return visit;

  const people = await peopleOf(db, station);
  const receivedBy = typeof input.receivedBy === 'string' ? input.receivedBy : '';
  const deputy = people.deputies.find((d) => d.id === receivedBy);
  if (!deputy)
    return fail('ROSTER.NOT_STATION_DEPUTY', '接待代表必须是本站的代表', { receivedBy: '不是本站代表' });
  const dayDoc = day
    ? await getById(db, 'reception_days', receptionDayId(station._id, day.originDate))
    : null;
  const onDuty = [...(dayDoc?.published ? dayDoc.deputies : []), ...(dayDoc?.present ?? [])];
  if (onDuty.length > 0 && !onDuty.includes(deputy.id)) {
    return fail('ROSTER.NOT_ON_DUTY', `${deputy.name}不在 ${date} 的值班表中`, {
      receivedBy: '不是当天值班代表',
    });
  }
  const list = await categories(db, ctx.now);
  const unknownCategories: Record<string, string> = {};
  visit.items.forEach((item, i) => {
    if (!list.some((c) => c.key === item.category))
      unknownCategories[`items.${i}.category`] = '请选择问题分类';
  });
  if (Object.keys(unknownCategories).length > 0) return invalid(unknownCategories);
  // What the visitor said is screened as if they had typed it, with the staff member's OpenID.
  const screened = await screenTexts(ctx.caller.openid, [
    { field: 'visitorName', label: '来访人姓名', text: visit.visitorName, scene: TEXT_SCENE.profile },
    { field: 'answer', label: '当场答复', text: visit.answer, scene: TEXT_SCENE.comment },
    ...visit.items.map((item, i) => ({
      field: `items.${i}.description`,
      label: `第${i + 1}项反映内容`,
      text: item.description,
      scene: TEXT_SCENE.forum,
    })),
  ]);
  if (isFailure(screened)) return screened;
  const reviewOf = (i: number) => [
    ...(screened.review.includes('visitorName') ? ['contactName'] : []),
    ...(screened.review.includes(`items.${i}.description`) ? ['description'] : []),
  ];
  // Each item becomes a case with an id derived from the visit, inserted before the visit itself:
  // a retry after a failure finds the cases (and the photos adopted under them) already stored and
  // stores the visit once.
  const caseIds = visit.items.map((_, i) => derivedId('c', visitId, String(i)));
  const adopted = await adoptPhotos(
    app,
    ctx.caller.openid,
    visit.items.map((item, i) => ({ caseId: caseIds[i], fileIDs: item.photos, field: `items.${i}.photos` })),
  );
  if (isFailure(adopted)) return adopted;
  const photos: PhotoRecord[][] = [];
  for (const [i, fileIDs] of adopted.fileIDs.entries()) {
    const checked = await checkPhotos(app, fileIDs, ctx.caller.openid);
    if (isFailure(checked))
      return fail(checked.code, checked.message, { [`items.${i}.photos`]: checked.message });
    photos.push(checked);
  }

  const items: VisitDoc['items'] = [];
  for (const [i, item] of visit.items.entries()) {
    const caseId = caseIds[i];
    const category = list.find((c) => c.key === item.category) ?? { key: item.category, name: item.category };
    const result = await storeNewCase(ctx, {
      caseId,
      openid: '',
      clientRequestId: `${visitId}-${i}`,
      channel: 'reception_day',
      deputy: { id: deputy.id, openid: people.docs.get(deputy.id)?.openid ?? null },
      stationId: station._id,
      kind: item.kind,
      category,
      description: item.description,
      photos: photos[i],
      location: station.location
        ? { ...station.location, name: station.name, address: station.address }
        : null,
      phone: visit.phone,
      contactName: visit.visitorName,
      anonymous: visit.anonymous,
      textReview: reviewOf(i),
      actor: { role: 'staff', id: station._id, name: who.name },
      note: `${day ? '接待日' : ''}来访登记（${date}），接待代表：${deputy.name}`,
      requestId: clientRequestId,
      visit: { id: visitId, date },
      now: ctx.now,
    });
    if (isFailure(result)) return fail('CONFLICT', '登记繁忙，请稍后重试');
    const stored = result.stored ?? (await getById(db, 'cases', caseId));
    if (!stored) return fail('CONFLICT', '登记繁忙，请稍后重试');
    items.push({
      kind: item.kind,
      category: category.key,
      categoryName: category.name,
      description: item.description,
      photos: adopted.fileIDs[i],
      caseId: stored._id,
      caseNo: stored.caseNo,
    });
  }

  const doc: VisitDoc = {
    _id: visitId,
    stationId: station._id,
    date,
    receptionDayId: day ? receptionDayId(station._id, day.originDate) : null,
    receivedBy: deputy.id,
    receivedByName: deputy.name,
    visitorName: visit.visitorName,
    anonymous: visit.anonymous,
    phone: visit.phone,
    items,
    caseIds: items.map((i) => i.caseId),
    answeredOnSpot: visit.answeredOnSpot,
    answer: visit.answer,
    clientRequestId,
    registeredBy: who,
    createdAt: ctx.now,
  };
  try {
    await collection(db, 'visitors').add(doc);
  } catch (error) {
    if (duplicateIndex(error) !== '_id_') throw error;
    const raced = await getById(db, 'visitors', visitId);
    if (raced) return visitView(raced, true);
    throw error;
  }
  return visitView(doc, false);
}
