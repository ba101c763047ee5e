import type { ErasureRequestView, MyCaseData, MyDataView } from '../../core/api';
import { chinaDate, chinaDateTime } from '../../core/china-time';
import { LOCATION_CONSENT_LABELS } from '../../core/privacy';

/**
 * What 我的信息 shows of the resident's data, as lines a person reads: per case, the personal data
 * it holds, the consents given, and what will become of them.
 */

export interface HeldItem {
  label: string;
  value: string;
}

export interface CaseRow {
  caseId: string;
  caseNo: string;
  title: string;
  statusLabel: string;
  submitted: string;
  /** The personal data the case holds; empty when it holds none besides the link to the account. */
  held: HeldItem[];
  consent: string;
  /** What becomes of it: kept until finished, or removed by a date. */
  fate: string;
}

function heldOf(item: MyCaseData): HeldItem[] {
  const held: HeldItem[] = [];
  if (item.contactName) held.push({ label: '称呼', value: item.contactName });
  if (item.phone) held.push({ label: '联系电话', value: item.phone });
  if (item.location) {
    const place = [item.location.name, item.location.address].filter(Boolean).join('，');
    held.push({ label: '位置', value: place || `${item.location.latitude}，${item.location.longitude}` });
  }
  if (item.photoCount > 0) held.push({ label: '照片', value: `${item.photoCount} 张` });
  if (item.voiceNoteCount) held.push({ label: '声音留言', value: `${item.voiceNoteCount} 条` });
  if (item.ratingComment) held.push({ label: '评价留言', value: item.ratingComment });
  return held;
}

function consentOf(item: MyCaseData): string {
  if (!item.consent) return '';
  const location = item.consent.location ? `；位置：${LOCATION_CONSENT_LABELS[item.consent.location]}` : '';
  return `${chinaDateTime(item.consent.at)} 同意个人信息保护说明${location}`;
}

function fateOf(item: MyCaseData): string {
  if (item.finished && item.erasureRequestedAt !== null) return '已申请删除，将在一天内删除';
  if (item.finished && item.removeBy !== null)
    return `已办结，保存至 ${chinaDate(item.removeBy)}，之后自动删除`;
  if (item.erasureRequestedAt !== null) return '已申请删除：办理所需的信息保留到办结，办结后删除';
  return '正在办理：办理所需的信息保留到办结，之后按保存期限删除';
}

export const caseRow = (item: MyCaseData): CaseRow => ({
  caseId: item.caseId,
  caseNo: item.caseNo,
  title: `${item.kindLabel} · ${item.categoryName}`,
  statusLabel: item.statusLabel,
  submitted: chinaDate(item.createdAt),
  held: heldOf(item),
  consent: consentOf(item),
  fate: fateOf(item),
});

/** 2026-06-01 10:00 申请删除：已删除 1 件已办结诉求的个人信息，1 件正在办理的诉求办结后删除. */
export function requestLine(request: ErasureRequestView): string {
  const parts = [`已删除 ${request.removed} 件已办结诉求的个人信息`];
  if (request.pending > 0) parts.push(`${request.pending} 件正在办理的诉求办结后删除`);
  return `${chinaDateTime(request.at)} 申请删除：${parts.join('，')}`;
}

/** Nothing is held that is linked to the account. */
export const holdsNothing = (view: MyDataView): boolean =>
  view.cases.length === 0 && view.moreCases === 0 && view.roles.length === 0 && view.requests.length === 0;
