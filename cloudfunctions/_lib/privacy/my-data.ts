import type {
  EraseMyDataResult,
  ErasureRequestView,
  MyCaseData,
  MyDataView,
} from '../../../miniprogram/core/api';
import { DAY_MS } from '../../../miniprogram/core/china-time';
import {
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  FINAL_STATUSES,
  isFinal,
} from '../../../miniprogram/core/model';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { me } from '../directory';
import {
  collection,
  derivedId,
  duplicateIndex,
  getById,
  requestIdOf,
  requireWeChatUser,
  type ActionContext,
  type CaseDoc,
  type ErasureRequestDoc,
} from '../platform';
import { redactCase } from './redact';
import { readRetention } from './settings';

/**
 * What a resident can do about their personal data (PIPL): see everything the product holds that is
 * linked to their WeChat account, and have it deleted. Deleting removes at once the personal data of
 * their finished cases (privacy/redact.ts); a case still being handled keeps what handling needs
 * (who to call back, where, the photos) and loses it as soon as it is finished (the retention timer
 * takes it within a day). The cases themselves stay, without them, for the ledgers and figures.
 */

/** The newest cases `myData` lists; `moreCases` counts the rest. */
export const MY_DATA_CASES = 100;

/** Finished cases one deletion request redacts at once; the timer takes any beyond. */
const ERASE_AT_ONCE = 100;

function caseData(doc: CaseDoc, retentionDays: number): MyCaseData {
  const finished = isFinal(doc.status);
  const comment = [...doc.events].reverse().find((e) => e.actor.role === 'resident' && e.note)?.note ?? null;
  return {
    caseId: doc._id,
    caseNo: doc.caseNo,
    kindLabel: CASE_KIND_LABELS[doc.kind],
    categoryName: doc.categoryName,
    statusLabel: CASE_STATUS_LABELS[doc.status],
    createdAt: doc.createdAt,
    finished,
    anonymous: doc.anonymous,
    contactName: doc.contactName,
    phone: doc.phone,
    location: doc.location,
    photoCount: doc.photos.length,
    voiceNoteCount: (doc.voiceNotes ?? []).length,
    ratingComment: comment,
    consent: doc.consent ?? null,
    erasureRequestedAt: doc.erasureRequestedAt ?? null,
    removeBy: finished ? doc.updatedAt + retentionDays * DAY_MS : null,
  };
}

const requestView = (doc: ErasureRequestDoc): ErasureRequestView => ({
  at: doc.at,
  removed: doc.removed,
  pending: doc.pending,
});

async function dataOf(ctx: ActionContext, openid: string): Promise<MyDataView | Failure> {
  const cases = collection(ctx.db, 'cases');
  const [{ data }, { total }, account, { data: requests }, settings] = await Promise.all([
    cases.where({ openid }).orderBy('createdAt', 'desc').limit(MY_DATA_CASES).get(),
    cases.where({ openid }).count(),
    me({}, ctx),
    collection(ctx.db, 'privacy_requests').where({ openid }).orderBy('at', 'desc').limit(20).get(),
    readRetention(ctx.db),
  ]);
  if (isFailure(account)) return account;
  return {
    openid,
    cases: data.map((doc) => caseData(doc, settings.closedCaseDays)),
    moreCases: Math.max(0, total - data.length),
    roles: account.roles,
    requests: requests.map(requestView),
    retentionDays: settings.closedCaseDays,
  };
}

/** `resident.myData`: the caller's cases with the personal data in each, their roles, their requests. */
export async function myData(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<MyDataView | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  return dataOf(ctx, openid);
}

/**
 * The request as first recorded, with what it covers counted when it was made: the finished cases
 * (removed at once) and the others (removed when finished). A retry, or a copy racing it, finds
 * this record and answers it.
 */
async function recordRequest(
  ctx: ActionContext,
  openid: string,
  clientRequestId: string,
): Promise<{ record: ErasureRequestDoc; replayed: boolean }> {
  const id = derivedId('erase-', openid, clientRequestId);
  const stored = await getById(ctx.db, 'privacy_requests', id);
  if (stored) return { record: stored, replayed: true };
  const cases = collection(ctx.db, 'cases');
  const [all, finished] = await Promise.all([
    cases.where({ openid }).count(),
    cases.where({ openid, status: ctx.db.command.in(FINAL_STATUSES) }).count(),
  ]);
  const record: ErasureRequestDoc = {
    _id: id,
    openid,
    clientRequestId,
    at: ctx.now,
    state: 'received',
    removed: finished.total,
    pending: all.total - finished.total,
  };
  try {
    await collection(ctx.db, 'privacy_requests').add(record);
    return { record, replayed: false };
  } catch (error) {
    if (!duplicateIndex(error)) throw error;
    const first = await getById(ctx.db, 'privacy_requests', id);
    if (!first) throw error;
    return { record: first, replayed: true };
  }
}

/**
 * `resident.eraseMyData`: records the request, marks every case of the caller (so those still being
 * handled are taken as soon as they are finished) and removes the finished ones' personal data now.
 * Safe to retry with the same clientRequestId: the work is done once and the record answered.
 */
export async function eraseMyData(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<EraseMyDataResult | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  const { record, replayed } = await recordRequest(ctx, openid, clientRequestId);
  if (record.state !== 'done') {
    const _ = ctx.db.command;
    const cases = collection(ctx.db, 'cases');
    await cases.where({ openid, erasureRequestedAt: _.eq(null) }).update({ erasureRequestedAt: record.at });
    const { data: finished } = await cases
      .where({ openid, status: _.in(FINAL_STATUSES) })
      .limit(ERASE_AT_ONCE)
      .get();
    for (const doc of finished) await redactCase(ctx, doc, 'request');
    await collection(ctx.db, 'privacy_requests').doc(record._id).update({ state: 'done' });
  }
  const data = await dataOf(ctx, openid);
  if (isFailure(data)) return data;
  return { request: requestView(record), replayed, data };
}
