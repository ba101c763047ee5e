import type { CategoryView, PlaceInput } from '../../../miniprogram/core/api';
import { newCaseNo } from '../../../miniprogram/core/case-number';
import { INITIAL_FACTS, type Actor } from '../../../miniprogram/core/lifecycle';
import type { CaseChannel, CaseKind } from '../../../miniprogram/core/model';
import { caseReceivedData } from '../../../miniprogram/core/notifications';
import { fail, type Failure } from '../../../miniprogram/core/result';
import { deliverQueued, newJob, outboxDueAt } from '../outbox';
import {
  collection,
  duplicateIndex,
  type ActionContext,
  type CaseConsent,
  type CaseDoc,
  type PhotoRecord,
  type VoiceNoteRecord,
} from '../platform';

/**
 * A new case as it is first stored: one document with its first event (`submitted`) and the
 * notification owed to the deputy (or the station), delivered right after the insert. Shared by
 * every way a case comes in: a resident's submission (resident.submit), an item a visitor raised
 * on a reception day (station.registerVisitor) and what a deputy heard (deputy.enterCase).
 */

export interface NewCase {
  /**
   * A fixed id, derived from the request so that a retry finds what an earlier attempt stored (and
   * the photos it adopted, under `cases/<caseId>/`); or none, and a fresh one is drawn each attempt.
   */
  caseId?: string;
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
  /** Adopted under the case's own path (photos.ts), so no id names the uploader. */
  photos: PhotoRecord[];
  /** 声音留言, adopted like the photos; none for a visitor's case. */
  voiceNotes?: VoiceNoteRecord[];
  location: PlaceInput | null;
  phone: string | null;
  contactName: string | null;
  anonymous: boolean;
  /** The resident's consents (a visitor's case, typed by staff, has none). */
  consent?: CaseConsent;
  /** Fields WeChat's text check sent to human review (platform/content.ts); none when all passed. */
  textReview: string[];
  /** Who the first event is by: the resident who submitted, or the staff member who registered it. */
  actor: Actor;
  /** A note on the first event (e.g. who received the visitor); null for a resident's submission. */
  note?: string | null;
  /** The first event's request id: a retried request finds it. */
  requestId: string;
  /** A visitor's case knows its visit, so figures date it by the visit. */
  visit?: { id: string; date: string };
  /** Entered by its deputy themself (deputy.enterCase): they are not told of it, nor shown it unread. */
  enteredByDeputy?: boolean;
  /** The 受理编号 of a case the resident added this appeal to as the same problem. */
  sameProblemAs?: string | null;
  /** 五公开: the resident agreed to publish the outcome once closed (a resident's submission only). */
  publishConsent?: boolean;
  now: number;
}

/** The case document to insert. */
export function newCaseDoc(c: NewCase & { caseId: string; caseNo: string }): CaseDoc {
  const job = newJob({
    ownerId: c.caseId,
    seq: 1,
    recipient: c.deputy ? 'deputy' : 'staff',
    template: 'caseReceived',
    to: c.enteredByDeputy ? null : (c.deputy?.openid ?? null),
    data: caseReceivedData({
      caseNo: c.caseNo,
      kind: c.kind,
      categoryName: c.category.name,
      description: c.description,
      createdAt: c.now,
    }),
    now: c.now,
    pageQuery: `id=${c.caseId}`,
    quietOnSuccess: true,
  });
  return {
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
    ...(c.voiceNotes?.length ? { voiceNotes: c.voiceNotes } : {}),
    location: c.location,
    phone: c.phone,
    contactName: c.contactName,
    anonymous: c.anonymous,
    status: 'submitted',
    version: 1,
    createdAt: c.now,
    updatedAt: c.now,
    events: [
      {
        seq: 1,
        type: 'submitted',
        at: c.now,
        actor: c.actor,
        from: null,
        to: 'submitted',
        note: c.note ?? null,
        requestId: c.requestId,
      },
    ],
    unreadByResident: false,
    unreadByDeputy: !c.enteredByDeputy,
    outbox: [job],
    outboxDueAt: outboxDueAt([job]),
    outboxRev: 1,
    textCheck: c.textReview.length > 0 ? 'review' : 'pass',
    ...(c.textReview.length > 0 ? { textReview: c.textReview } : {}),
    ...INITIAL_FACTS,
    dueAt: null,
    ...(c.visit ? { visit: c.visit } : {}),
    ...(c.publishConsent ? { publishConsent: true, publishConsentAt: c.now } : {}),
    ...(c.sameProblemAs ? { problemLinks: [c.sameProblemAs] } : {}),
    ...(c.consent ? { consent: c.consent } : {}),
  };
}

/** Time-ordered and unguessable enough; the case number is what people quote. */
const randomCaseId = (now: number) => `c${now.toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * Inserts a new case and delivers its first notification. A case number already taken (or a drawn
 * id) is drawn again; a case this request stored before (its fixed id, or its OpenID and
 * clientRequestId) answers `{ stored: null }` so the caller reads and answers that one instead.
 */
export async function storeNewCase(
  ctx: Pick<ActionContext, 'app' | 'db' | 'now'>,
  c: NewCase,
): Promise<{ stored: CaseDoc | null } | Failure> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = newCaseDoc({
      ...c,
      caseId: c.caseId ?? randomCaseId(c.now),
      caseNo: newCaseNo(c.now, Math.random),
    });
    try {
      await collection(ctx.db, 'cases').add(doc);
    } catch (error) {
      const index = duplicateIndex(error);
      if (index?.startsWith('caseNo') || (index === '_id_' && !c.caseId)) continue;
      if (index === '_id_' || index?.startsWith('openid_clientRequestId')) return { stored: null };
      throw error;
    }
    // The deputy is told at once; if WeChat is slow or refuses, the outbox sweep settles it later.
    await deliverQueued(ctx, 'cases', doc, doc.outbox);
    return { stored: doc };
  }
  return fail('CONFLICT', '提交繁忙，请稍后重试');
}
