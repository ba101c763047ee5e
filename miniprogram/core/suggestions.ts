import type { SuggestionFields, SuggestionStatus } from './api-suggestions';
import { CASE_NO_PATTERN } from './case-number';
import { invalid, ok, type Failure, type Success } from './result';
import { charLength, textInput, WRONG_TYPE } from './text';

/**
 * 代表建议: what a suggestion must satisfy, checked by the form on the phone and by the functions
 * alike, and the words its statuses are shown with.
 */

export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  drafted: '起草中',
  submitted: '已提交',
  answered: '已答复',
};

export const SUGGESTION_LIMITS = {
  title: 40,
  problem: 2000,
  reasons: 2000,
  proposal: 2000,
  caseNos: 200,
  signers: 30,
  answerUnit: 40,
  answerText: 5000,
} as const;

const TEXT_FIELDS: Array<{ field: 'title' | 'problem' | 'reasons' | 'proposal'; label: string }> = [
  { field: 'title', label: '标题' },
  { field: 'problem', label: '问题' },
  { field: 'reasons', label: '理由' },
  { field: 'proposal', label: '建议' },
];

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The fields cleaned, or INPUT.INVALID naming every field at fault. */
export function validateSuggestion(input: Record<string, unknown>): Success<SuggestionFields> | Failure {
  const fields: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const { field, label } of TEXT_FIELDS) {
    const value = textInput(input[field], field === 'title' ? 'line' : 'lines');
    const max = SUGGESTION_LIMITS[field];
    if (value === null) fields[field] = WRONG_TYPE;
    else if (!value) fields[field] = `请填写${label}`;
    else if (charLength(value) > max) fields[field] = `${label}最多 ${max} 个字`;
    else texts[field] = value;
  }
  const caseNos = Array.isArray(input.caseNos) ? [...new Set(input.caseNos as unknown[])] : null;
  if (!caseNos || caseNos.length === 0) fields.caseNos = '请至少附上一条诉求作为依据';
  else if (caseNos.length > SUGGESTION_LIMITS.caseNos)
    fields.caseNos = `依据诉求最多 ${SUGGESTION_LIMITS.caseNos} 条`;
  else if (!caseNos.every((n) => typeof n === 'string' && CASE_NO_PATTERN.test(n)))
    fields.caseNos = '有诉求编号格式不正确';
  const signerIds = Array.isArray(input.signerIds) ? [...new Set(input.signerIds as unknown[])] : null;
  if (!signerIds || signerIds.length === 0) fields.signerIds = '请选择联名代表（至少一位）';
  else if (signerIds.length > SUGGESTION_LIMITS.signers)
    fields.signerIds = `联名代表最多 ${SUGGESTION_LIMITS.signers} 位`;
  else if (!signerIds.every((id) => typeof id === 'string' && ID.test(id))) fields.signerIds = '联名代表无效';
  if (Object.keys(fields).length > 0) return invalid(fields);
  return ok({
    title: texts.title,
    problem: texts.problem,
    reasons: texts.reasons,
    proposal: texts.proposal,
    caseNos: caseNos as string[],
    signerIds: signerIds as string[],
  });
}
