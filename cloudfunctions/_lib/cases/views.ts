import type {
  CaseDetailView,
  CaseListItem,
  DeputyCaseListItem,
  PhotoView,
  TimelineEntry,
  VoiceNoteView,
} from '../../../miniprogram/core/api';
import { durationLabel } from '../../../miniprogram/core/voice';
import {
  ANSWER_OUTCOME_LABELS,
  CASE_EVENT_LABELS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  NO_OUTCOME_LABEL,
} from '../../../miniprogram/core/model';
import { hidePhones, maskPhone, truncate } from '../../../miniprogram/core/text';
import type { App, CaseDoc } from '../platform';

/**
 * What each reader may see of a case: the one place that decides it.
 *
 * - `resident`: their own case in full.
 * - `handler`: the deputy it is addressed to, the station's staff and the office, who answer the
 *   resident: the contact name and phone unless the case is anonymous; phones masked in lists and
 *   whole only in the detail.
 * - `unit`: a handling unit (承办单位) works on the problem, not on the person: never the
 *   resident's name, phone (not even masked) or account; the submitter and the resident's own steps
 *   in the timeline read 群众, and phone numbers typed into what the resident wrote (description,
 *   rating comment) read （电话已隐去）. Contacting the resident stays with the deputy or the station.
 *
 * No view carries an OpenID.
 */

export type Reader = 'resident' | 'handler' | 'unit';

/** How the resident reads to a unit, whoever they are and whether they gave a name. */
export const NEUTRAL_RESIDENT = '群众';

/** Whether the reader sees who the resident is (name and phone). */
const seesResident = (doc: { anonymous: boolean }, reader: Reader): boolean =>
  reader === 'resident' || (reader === 'handler' && !doc.anonymous);

/** Text the resident wrote, as the reader may see it: a unit gets no phone number typed into it. */
const residentText = (text: string, reader: Reader): string => (reader === 'unit' ? hidePhones(text) : text);

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
    summary: truncate(residentText(doc.description, reader), 40),
    unread: reader === 'resident' ? doc.unreadByResident : doc.unreadByDeputy,
    photoCount: doc.photos.filter((p) => p.check !== 'risky').length,
  };
}

export function submitterName(doc: { anonymous: boolean; contactName?: string | null }): string {
  return doc.anonymous ? '匿名群众' : doc.contactName || '群众';
}

/** A case in a handler's list (the deputy's inbox, a casework queue): who sent it, where. */
export function toDeputyListItem(
  doc: CaseDoc,
  reader: Exclude<Reader, 'resident'> = 'handler',
): DeputyCaseListItem {
  const shown = seesResident(doc, reader);
  return {
    ...toListItem(doc, reader),
    submitter: reader === 'unit' ? NEUTRAL_RESIDENT : submitterName(doc),
    phoneMasked: shown ? maskPhone(doc.phone) : null,
    placeName: doc.location?.name ?? doc.location?.address ?? null,
    channel: doc.channel,
  };
}

function timeline(doc: CaseDoc, reader: Reader): TimelineEntry[] {
  return doc.events.map((e) => ({
    seq: e.seq,
    type: e.type,
    label: CASE_EVENT_LABELS[e.type],
    at: e.at,
    actorName: reader === 'unit' && e.actor.role === 'resident' ? NEUTRAL_RESIDENT : e.actor.name,
    note: e.note !== null && e.actor.role === 'resident' ? residentText(e.note, reader) : e.note,
    status: e.to,
  }));
}

export interface MediaViews {
  photos: PhotoView[];
  voiceNotes: VoiceNoteView[];
}

/**
 * Temporary URLs for the photos and voice notes a reader may see, in one storage call: what WeChat
 * found risky is withheld, and a handling unit hears no voice note (a voice is the person's own).
 */
export async function mediaViews(app: App, doc: CaseDoc, reader: Reader): Promise<MediaViews> {
  const photos = doc.photos.filter((p) => p.check !== 'risky');
  const notes = reader === 'unit' ? [] : (doc.voiceNotes ?? []).filter((n) => n.check !== 'risky');
  const fileIDs = [...photos, ...notes].map((f) => f.fileID);
  if (fileIDs.length === 0) return { photos: [], voiceNotes: [] };
  const { fileList } = await app.getTempFileURL({
    fileList: fileIDs.map((fileID) => ({ fileID, maxAge: 3600 })),
  });
  const urls = new Map(fileList.map((f) => [f.fileID, f.code === 'SUCCESS' ? f.tempFileURL : null]));
  return {
    photos: photos.map((p) => ({ fileID: p.fileID, url: urls.get(p.fileID) ?? null })),
    voiceNotes: notes.map((n) => ({
      fileID: n.fileID,
      url: urls.get(n.fileID) ?? null,
      duration: n.duration,
      durationLabel: durationLabel(n.duration),
    })),
  };
}

export function toDetail(
  doc: CaseDoc,
  reader: Reader,
  media: MediaViews,
  names: { deputy: string | null; station: string | null },
): CaseDetailView {
  const showContact = seesResident(doc, reader);
  return {
    ...header(doc),
    description: residentText(doc.description, reader),
    channel: doc.channel,
    anonymous: doc.anonymous,
    deputy: doc.deputyId && names.deputy ? { id: doc.deputyId, name: names.deputy } : null,
    station: doc.stationId && names.station ? { id: doc.stationId, name: names.station } : null,
    location: doc.location,
    phone: showContact ? doc.phone : null,
    contactName: showContact ? doc.contactName : null,
    photos: media.photos,
    voiceNotes: media.voiceNotes,
    timeline: timeline(doc, reader),
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
