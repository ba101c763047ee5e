import type {
  CaseDetailView,
  CaseListItem,
  DeputyCaseListItem,
  PhotoView,
  TimelineEntry,
} from '../../../miniprogram/core/api';
import {
  ANSWER_OUTCOME_LABELS,
  CASE_EVENT_LABELS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  NO_OUTCOME_LABEL,
} from '../../../miniprogram/core/model';
import { maskPhone, truncate } from '../../../miniprogram/core/text';
import type { App, CaseDoc } from '../platform';

/**
 * What each reader may see of a case. Residents see their own cases; deputies see the cases
 * addressed to them, without the submitter's identity when the case is anonymous. Phone numbers
 * are masked in lists and shown whole only in the detail, to the resident and the handling deputy.
 */

export type Reader = 'resident' | 'deputy';

/** The fields every view of a case starts with. */
function header(doc: CaseDoc) {
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    kind: doc.kind,
    kindLabel: CASE_KIND_LABELS[doc.kind],
    categoryName: doc.categoryName,
    status: doc.status,
    statusLabel: CASE_STATUS_LABELS[doc.status],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function toListItem(doc: CaseDoc, reader: Reader): CaseListItem {
  return {
    ...header(doc),
    summary: truncate(doc.description, 40),
    unread: reader === 'resident' ? doc.unreadByResident : doc.unreadByDeputy,
    photoCount: doc.photos.filter((p) => p.check !== 'risky').length,
  };
}

export function submitterName(doc: { anonymous: boolean; contactName?: string | null }): string {
  return doc.anonymous ? '匿名群众' : doc.contactName || '群众';
}

export function toDeputyListItem(doc: CaseDoc): DeputyCaseListItem {
  return {
    ...toListItem(doc, 'deputy'),
    submitter: submitterName(doc),
    phoneMasked: doc.anonymous ? null : maskPhone(doc.phone),
    placeName: doc.location?.name ?? doc.location?.address ?? null,
    channel: doc.channel,
  };
}

function timeline(doc: CaseDoc): TimelineEntry[] {
  return doc.events.map((e) => ({
    seq: e.seq,
    type: e.type,
    label: CASE_EVENT_LABELS[e.type],
    at: e.at,
    actorName: e.actor.name,
    note: e.note,
    status: e.to,
  }));
}

/** Temporary URLs for the photos a reader may see; photos WeChat found risky are withheld. */
export async function photoViews(app: App, doc: CaseDoc): Promise<PhotoView[]> {
  const visible = doc.photos.filter((p) => p.check !== 'risky');
  if (visible.length === 0) return [];
  const { fileList } = await app.getTempFileURL({
    fileList: visible.map((p) => ({ fileID: p.fileID, maxAge: 3600 })),
  });
  const urls = new Map(fileList.map((f) => [f.fileID, f.code === 'SUCCESS' ? f.tempFileURL : null]));
  return visible.map((p) => ({ fileID: p.fileID, url: urls.get(p.fileID) ?? null }));
}

export function toDetail(
  doc: CaseDoc,
  reader: Reader,
  photos: PhotoView[],
  names: { deputy: string | null; station: string | null },
): CaseDetailView {
  const showContact = reader === 'resident' || !doc.anonymous;
  return {
    ...header(doc),
    description: doc.description,
    channel: doc.channel,
    anonymous: doc.anonymous,
    deputy: doc.deputyId && names.deputy ? { id: doc.deputyId, name: names.deputy } : null,
    station: doc.stationId && names.station ? { id: doc.stationId, name: names.station } : null,
    location: doc.location,
    phone: showContact ? doc.phone : null,
    contactName: showContact ? doc.contactName : null,
    photos,
    timeline: timeline(doc),
    outcome: doc.outcome ?? null,
    outcomeLabel: outcomeLabel(doc),
  };
}

/** The latest answer's outcome as people read it: 未注明 when it recorded none, null before an answer. */
export function outcomeLabel(doc: Pick<CaseDoc, 'outcome' | 'answeredAt'>): string | null {
  if (doc.outcome) return ANSWER_OUTCOME_LABELS[doc.outcome];
  return doc.answeredAt !== null && doc.answeredAt !== undefined ? NO_OUTCOME_LABEL : null;
}

/** Paging by creation time, newest first: the cursor is the last item's creation instant. */
export function encodeCursor(items: Array<{ createdAt: number }>, limit: number): string | null {
  return items.length < limit ? null : String(items[items.length - 1].createdAt);
}

export function decodeCursor(cursor: unknown): number | null {
  if (typeof cursor !== 'string' || !/^\d{1,15}$/.test(cursor)) return null;
  return Number(cursor);
}

export function pageLimit(raw: unknown, fallback = 20, max = 50): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}
