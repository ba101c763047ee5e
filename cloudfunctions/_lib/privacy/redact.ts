import { CASE_EVENT_LABELS, isFinal } from '../../../miniprogram/core/model';
import type { PersonalField, RedactionReason } from '../../../miniprogram/core/privacy';
import { outboxDueAt } from '../outbox';
import {
  collection,
  getById,
  type ActionContext,
  type CaseDoc,
  type CaseEvent,
  type OutboxJob,
  type Redaction,
  type VisitDoc,
} from '../platform';

/**
 * Removing a finished case's personal data, keeping what the figures and ledgers need
 * (docs/decisions/0012-personal-data-retention.md):
 *
 * - removed: the contact name, the phone, the location, every photo (the files too: the product
 *   cannot tell which show people), what the resident wrote with their rating, and the link to
 *   their WeChat account — the case's OpenID, the resident's OpenID and name in the timeline, and
 *   the messages addressed to them. The case then leaves the resident's 我的反映.
 * - kept: the case number, kind, category, the description (the appeal itself, which ledgers and
 *   reports are made of), station, deputy, unit, route, statuses, dates, deadlines, ratings and
 *   the handlers' notes: everything a deputy record, a station's figures or a ledger counts.
 *
 * The case records it in `redaction` (when, why, what). One update conditional on the version and
 * the outbox's revision, as the timeline and the outbox are rewritten whole; photos and voice notes are deleted
 * before it, so a file is never left behind with nothing pointing at it.
 */

type Ports = Pick<ActionContext, 'app' | 'db' | 'now'>;

export type RedactOutcome =
  /** Removed now; `photos` files were deleted. */
  | { result: 'redacted'; photos: number }
  /** Removed before (by another run, or another copy of the same request). */
  | { result: 'already' }
  /**
   * Not now: not finished, a message to the resident is on its way, a photo could not be deleted,
   * or the case kept changing. A later run tries again.
   */
  | { result: 'later'; why: 'open' | 'sending' | 'storage' | 'conflict' | 'gone' };

const RESIDENT_GONE = '个人信息已删除';

/** What the case holds of its resident, as listed in its redaction record. */
export function personalFieldsOf(doc: CaseDoc): PersonalField[] {
  const fields: PersonalField[] = [];
  if (doc.contactName) fields.push('contactName');
  if (doc.phone) fields.push('phone');
  if (doc.location) fields.push('location');
  if (doc.photos.length > 0) fields.push('photos');
  if ((doc.voiceNotes ?? []).length > 0) fields.push('voiceNotes');
  if (doc.events.some((e) => e.actor.role === 'resident' && e.note)) fields.push('ratingComment');
  if (doc.openid) fields.push('openid');
  return fields;
}

/**
 * The fields a redaction sets, computed from the case as read. The resident keeps their role in
 * the timeline (群众 or 匿名群众), so the record still says who did what; their notes go.
 */
export function redactedFields(doc: CaseDoc, reason: RedactionReason, now: number) {
  const residentName = doc.anonymous ? '匿名群众' : '群众';
  const events: CaseEvent[] = doc.events.map((e) =>
    e.actor.role === 'resident'
      ? { ...e, actor: { role: 'resident', id: '', name: residentName }, note: null }
      : e,
  );
  const resident = doc.openid;
  // A message about the resident's own event quoted what they wrote (a rating's comment): it gets
  // the event's label instead. A job's id is `<case>:<event seq>:<recipient>` (outbox/).
  const residentNotes = new Map(
    doc.events
      .filter((e) => e.actor.role === 'resident' && e.note)
      .map((e) => [e.seq, CASE_EVENT_LABELS[e.type]]),
  );
  const outbox: OutboxJob[] = doc.outbox.map((job) => {
    const label = residentNotes.get(Number(job.id.split(':')[1]));
    const quoted =
      label && job.data.thing3 ? { ...job, data: { ...job.data, thing3: { value: label } } } : job;
    if (!resident || quoted.to !== resident) return quoted;
    const unsent =
      quoted.status === 'pending' ? { status: 'no_recipient' as const, lastError: RESIDENT_GONE } : {};
    return { ...quoted, to: null, ...unsent };
  });
  const redaction: Redaction = { at: now, reason, removed: personalFieldsOf(doc), photos: doc.photos.length };
  return {
    // An empty OpenID is what a visitor's case has: no one to tell, in no one's 我的反映. The request id
    // is made unique again, as (openid, clientRequestId) is a unique index.
    openid: '',
    clientRequestId: `redacted-${doc._id}`,
    contactName: null,
    phone: null,
    location: null,
    photos: [],
    // 五公开: an erased case is never published (decision 0023).
    ...(doc.publishConsent ? { publishConsent: false } : {}),
    ...(doc.voiceNotes ? { voiceNotes: [] } : {}),
    events,
    outbox,
    outboxDueAt: outboxDueAt(outbox),
    unreadByResident: false,
    erasureRequestedAt: null,
    redaction,
  };
}

/** Deletes files from storage; false when any could not be deleted (a missing file is deleted enough). */
async function deleteFiles(ctx: Ports, fileIDs: string[]): Promise<boolean> {
  if (fileIDs.length === 0) return true;
  try {
    const { fileList } = await ctx.app.deleteFile({ fileList: fileIDs });
    const failed = fileList.filter((f) => f.code !== 'SUCCESS' && f.code !== 'STORAGE_FILE_NONEXIST');
    if (failed.length > 0) console.warn('[privacy] files not deleted', failed);
    return failed.length === 0;
  } catch (error) {
    console.warn('[privacy] files not deleted', error);
    return false;
  }
}

/**
 * Removes one finished case's personal data. Safe to run again: a case already redacted answers
 * `already`. Read afresh once if the case changed in between.
 */
export async function redactCase(ctx: Ports, read: CaseDoc, reason: RedactionReason): Promise<RedactOutcome> {
  const _ = ctx.db.command;
  let doc: CaseDoc = read;
  for (let attempt = 1; ; attempt++) {
    if (doc.redaction) return { result: 'already' };
    if (!isFinal(doc.status)) return { result: 'later', why: 'open' };
    const resident = doc.openid;
    // A claimed message to the resident is settled by its sender; the next run takes the case.
    if (resident && doc.outbox.some((job) => job.status === 'sending' && job.to === resident))
      return { result: 'later', why: 'sending' };
    if (
      !(await deleteFiles(
        ctx,
        [...doc.photos, ...(doc.voiceNotes ?? [])].map((p) => p.fileID),
      ))
    )
      return { result: 'later', why: 'storage' };
    const { redaction, ...fields } = redactedFields(doc, reason, ctx.now);
    const { updated } = await collection(ctx.db, 'cases')
      .where({ _id: doc._id, version: doc.version, outboxRev: doc.outboxRev })
      .update({ ...fields, redaction: _.set(redaction), version: _.inc(1), outboxRev: _.inc(1) });
    if (updated === 1) return { result: 'redacted', photos: doc.photos.length };
    if (attempt === 2) return { result: 'later', why: 'conflict' };
    const fresh = await getById(ctx.db, 'cases', doc._id);
    if (!fresh) return { result: 'later', why: 'gone' };
    doc = fresh;
  }
}

/**
 * Removes a visitor-log entry's personal data: the visitor's name and phone, and its items' photo
 * ids (the files go with the cases they became, which carry their own copies for handling).
 */
export async function redactVisit(ctx: Ports, visit: VisitDoc): Promise<boolean> {
  const _ = ctx.db.command;
  const { updated } = await collection(ctx.db, 'visitors')
    .where({ _id: visit._id, redactedAt: _.eq(null) })
    .update({
      visitorName: null,
      phone: null,
      items: visit.items.map((item) => ({ ...item, photos: [] })),
      redactedAt: ctx.now,
    });
  return updated === 1;
}
