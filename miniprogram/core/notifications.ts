import { CASE_KIND_LABELS, CASE_STATUS_LABELS, type CaseKind, type CaseStatus } from './model';
import { truncate } from './text';
import { chinaDateTime } from './china-time';

/**
 * Subscribe-message templates. The template IDs are the deployment's own (chosen in the WeChat
 * public platform, 订阅消息); the same IDs are asked for on the phone (wx.requestSubscribeMessage)
 * and used by the functions, so they live here, once. Replace the placeholder IDs when deploying.
 *
 * Field values follow WeChat's limits for each key type: thing ≤ 20 characters, phrase ≤ 5,
 * character_string ≤ 32 (letters, digits, symbols), time a date-time.
 */
export const TEMPLATES = {
  /** To the deputy (or station staff): 新诉求提醒. */
  caseReceived: {
    id: 'tmpl-case-received',
    page: 'pages/deputy/case/index',
  },
  /** To the resident: 诉求进度通知. */
  caseUpdated: {
    id: 'tmpl-case-updated',
    page: 'pages/case/index',
  },
  /** To whoever handles the case (deputy, staff, unit, office): 诉求办理提醒 — same fields as caseUpdated. */
  caseProgress: {
    id: 'tmpl-case-progress',
    page: 'pages/deputy/case/index',
  },
} as const;

export type TemplateKey = keyof typeof TEMPLATES;

export type TemplateData = Record<string, { value: string }>;

export function caseReceivedData(c: {
  caseNo: string;
  kind: CaseKind;
  categoryName: string;
  description: string;
  createdAt: number;
}): TemplateData {
  return {
    character_string1: { value: c.caseNo },
    thing2: { value: truncate(`${CASE_KIND_LABELS[c.kind]}·${c.categoryName}`, 20) },
    thing3: { value: truncate(c.description, 20) },
    time4: { value: chinaDateTime(c.createdAt) },
  };
}

export function caseUpdatedData(c: {
  caseNo: string;
  status: CaseStatus;
  note: string;
  at: number;
}): TemplateData {
  return {
    character_string1: { value: c.caseNo },
    phrase2: { value: truncate(CASE_STATUS_LABELS[c.status], 5) },
    thing3: { value: truncate(c.note, 20) },
    time4: { value: chinaDateTime(c.at) },
  };
}

/** Template IDs to ask consent for when the resident submits, and when a deputy replies. */
export const SUBSCRIBE_ON_SUBMIT: string[] = [TEMPLATES.caseUpdated.id];
export const SUBSCRIBE_ON_DEPUTY_ACTION: string[] = [TEMPLATES.caseReceived.id, TEMPLATES.caseProgress.id];
