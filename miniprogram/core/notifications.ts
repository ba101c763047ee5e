import { CASE_KIND_LABELS, CASE_STATUS_LABELS, type CaseKind, type CaseStatus } from './model';
import { truncate } from './text';
import { chinaDateTime } from './china-time';
import { DEPLOYMENT, type KeywordKey } from './deployment';

/**
 * Subscribe-message templates. Their IDs and keyword keys are the deployment's own (deployment.ts):
 * the same IDs are asked for on the phone (wx.requestSubscribeMessage) and used by the functions.
 *
 * Each value is fitted to WeChat's limit for its key's type, whatever key the deployment chose:
 * thing ≤ 20 characters, phrase ≤ 5, character_string ≤ 32; time and date as written.
 */
export const TEMPLATES = DEPLOYMENT.templates;

export type TemplateKey = keyof typeof TEMPLATES;

export type TemplateData = Record<string, { value: string }>;

const LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32 };

/** The value as the key's type allows it: cut to its length, if it has one. */
export function fitKeyword(key: KeywordKey, value: string): string {
  const type = key.replace(/\d+$/, '');
  const limit = LIMITS[type];
  return limit === undefined ? value : truncate(value, limit);
}

/** The message data: each field under the key the deployment gave it, fitted to that key's type. */
export function templateData<F extends string>(
  keys: Record<F, KeywordKey>,
  values: Record<F, string>,
): TemplateData {
  const data: TemplateData = {};
  for (const field of Object.keys(keys) as F[]) {
    data[keys[field]] = { value: fitKeyword(keys[field], values[field]) };
  }
  return data;
}

export function caseReceivedData(c: {
  caseNo: string;
  kind: CaseKind;
  categoryName: string;
  description: string;
  createdAt: number;
}): TemplateData {
  return templateData(TEMPLATES.caseReceived.keys, {
    caseNo: c.caseNo,
    kind: `${CASE_KIND_LABELS[c.kind]}·${c.categoryName}`,
    summary: c.description,
    time: chinaDateTime(c.createdAt),
  });
}

/** A change of status, to the resident (`caseUpdated`) or to those handling the case (`caseProgress`). */
export function caseUpdatedData(
  c: { caseNo: string; status: CaseStatus; note: string; at: number },
  template: 'caseUpdated' | 'caseProgress' = 'caseUpdated',
): TemplateData {
  return templateData(TEMPLATES[template].keys, {
    caseNo: c.caseNo,
    status: CASE_STATUS_LABELS[c.status],
    note: c.note,
    time: chinaDateTime(c.at),
  });
}

/** Template IDs to ask consent for when the resident submits, and when a deputy replies. */
export const SUBSCRIBE_ON_SUBMIT: string[] = [TEMPLATES.caseUpdated.id];
export const SUBSCRIBE_ON_DEPUTY_ACTION: string[] = [TEMPLATES.caseReceived.id, TEMPLATES.caseProgress.id];
