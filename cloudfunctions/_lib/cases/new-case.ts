import type { CategoryView, PlaceInput } from '../../../miniprogram/core/api';
import { INITIAL_FACTS } from '../../../miniprogram/core/lifecycle';
import type { CaseChannel, CaseKind } from '../../../miniprogram/core/model';
import { caseReceivedData } from '../../../miniprogram/core/notifications';
import { fail, type Failure } from '../../../miniprogram/core/result';
import type { App } from '../platform/app';
import type { Actor, CaseDoc, PhotoRecord } from '../platform/schema/cases';
import { dueAt, newJob } from '../outbox/outbox';
import { startMediaCheck } from '../platform/wechat';

/**
 * A new case as it is first stored: one document with its first event (`submitted`) and the
 * notification owed to the deputy (or the station), queued already claimed so the caller delivers it
 * right after the insert. Shared by every way a case comes in: a resident's submission
 * (resident.submit) and an item a visitor raised on a reception day (station.registerVisitor).
 */

export interface NewCase {
  caseId: string;
  caseNo: string;
  /**
   * The submitter's OpenID. Empty for a visitor registered at the desk: they have no WeChat account
   * here, so nothing is sent to them (the outbox records "no recipient") and no resident's "my
   * appeals" lists the case; the deputy answers them by phone or in person.
   */
  openid: string;
  /** The idempotency key stored on the case (unique with `openid`). */
  clientRequestId: string;
  channel: CaseChannel;
  /** The deputy the case is addressed to, or null for a station's own case. */
  deputy: { id: string; openid: string | null } | null;
  stationId: string | null;
  kind: CaseKind;
  category: CategoryView;
  description: string;
  photos: PhotoRecord[];
  location: PlaceInput | null;
  phone: string | null;
  contactName: string | null;
  anonymous: boolean;
  textCheck: CaseDoc['textCheck'];
  /** Who the first event is by: the resident who submitted, or the staff member who registered it. */
  actor: Actor;
  /** A note on the first event (e.g. who received the visitor); null for a resident's submission. */
  note?: string | null;
  /** The first event's request id: a retried request finds it. */
  requestId: string;
  now: number;
}

/** The case document to insert, and the id of the notification job to deliver after the insert. */
export function newCaseDoc(c: NewCase): { doc: CaseDoc; jobId: string } {
  const now = new Date(c.now);
  const job = newJob({
    caseId: c.caseId,
    seq: 1,
    recipient: c.deputy ? 'deputy' : 'staff',
    template: 'caseReceived',
    to: c.deputy?.openid ?? null,
    data: caseReceivedData({
      caseNo: c.caseNo,
      kind: c.kind,
      categoryName: c.category.name,
      description: c.description,
      createdAt: c.now,
    }),
    now: c.now,
    claimed: true,
    pageQuery: `id=${c.caseId}`,
  });
  const doc: CaseDoc = {
    _id: c.caseId,
    caseNo: c.caseNo,
    openid: c.openid,
    clientRequestId: c.clientRequestId,
    channel: c.channel,
    deputyId: c.deputy?.id ?? null,
    stationId: c.stationId,
    kind: c.kind,
    category: c.category.key,
    categoryName: c.category.name,
    description: c.description,
    photos: c.photos,
    location: c.location,
    phone: c.phone,
    contactName: c.contactName,
    anonymous: c.anonymous,
    status: 'submitted',
    version: 1,
    createdAt: now,
    updatedAt: now,
    events: [
      {
        seq: 1,
        type: 'submitted',
        at: now,
        actor: c.actor,
        from: null,
        to: 'submitted',
        note: c.note ?? null,
        requestId: c.requestId,
      },
    ],
    unreadByResident: false,
    unreadByDeputy: true,
    outbox: [job],
    outboxDueAt: dueAt([job]),
    outboxRev: 1,
    textCheck: c.textCheck,
    ...INITIAL_FACTS,
    dueAt: null,
  };
  return { doc, jobId: job.id };
}

/** The unique index an insert collided with (`_id_`, `caseNo_unique`, …), or null for another error. */
export function duplicateIndex(error: unknown): string | null {
  const e = error as { code?: string; message?: string };
  if (e?.code !== 'DATABASE_DUPLICATE_WRITE') return null;
  return /index: (\S+)/.exec(e.message ?? '')?.[1] ?? 'unknown';
}

/**
 * Photos must exist in storage; their temporary URLs also start WeChat's media check. `openid` is
 * the uploader, whose WeChat session the check is made for.
 */
export async function checkPhotos(
  app: App,
  fileIDs: string[],
  openid: string,
): Promise<PhotoRecord[] | Failure> {
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
