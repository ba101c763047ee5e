import type { ActInput, UnitView } from '../../../core/api';
import { actionLabel, ANSWERING_ACTIONS, NOTE_NAMES } from '../../../core/lifecycle';
import {
  ANSWER_OUTCOME_LABELS,
  ANSWER_OUTCOMES,
  ROUTE_KINDS,
  ROUTE_LABELS,
  type AnswerOutcome,
  type CaseAction,
  type RouteKind,
} from '../../../core/model';
import { LIMITS } from '../../../core/submit';
import { charLength } from '../../../core/text';

/**
 * The inline form behind an action button on the case page: what it asks (a note, a route and a
 * unit, an earlier case), how it checks the answers before anything is sent, and the ActInput it
 * makes. Pure, so the page stays a thin shell over it.
 */

/** Actions the case page never offers: the resident rates on their own page, the system closes by time. */
export const NOT_ON_THIS_PAGE: CaseAction[] = ['rate', 'close_by_time'];

/** Actions that cannot be undone, confirmed with a dialog before they are sent. */
export const CONFIRMED: CaseAction[] = ['decline', 'merge'];

/** The kind of handling unit each route hands the case to (直办 hands it to nobody). */
export const UNIT_KIND: Record<Exclude<RouteKind, 'direct'>, UnitView['kind']> = {
  assign: 'township',
  transfer: 'city_department',
  escalate: 'higher_congress',
};

export interface FormErrors {
  note: string;
  route: string;
  outcome: string;
  unitId: string;
  intoCaseId: string;
  /** A failure that belongs to no field. */
  form: string;
}

export const NO_ERRORS: FormErrors = {
  note: '',
  route: '',
  outcome: '',
  unitId: '',
  intoCaseId: '',
  form: '',
};

export interface ActForm {
  action: CaseAction;
  title: string;
  /** What the note is called; a required note has a name (NOTE_NAMES). */
  noteName: string;
  noteRequired: boolean;
  notePlaceholder: string;
  note: string;
  noteCount: number;
  route: RouteKind | '';
  /** An answer (reply, unit_answer) records what it did: one of the three, required here. */
  askOutcome: boolean;
  outcome: AnswerOutcome | '';
  unitId: string;
  unitName: string;
  /** The units the chosen route may hand the case to. */
  unitOptions: UnitView[];
  intoCaseId: string;
  confirm: boolean;
  errors: FormErrors;
}

/** Whether tapping the action opens a form (a required note, a route, an earlier case) or acts at once. */
export const needsForm = (action: CaseAction): boolean =>
  action === 'route' || action === 'merge' || NOTE_NAMES[action] !== undefined;

export function formFor(action: CaseAction): ActForm {
  const required = NOTE_NAMES[action];
  return {
    action,
    title: actionLabel(action),
    noteName: required ?? (action === 'route' ? '办理意见（选填）' : '说明（选填）'),
    noteRequired: required !== undefined,
    notePlaceholder:
      action === 'reply' ? '写下您的答复，群众会收到通知' : required ? `请填写${required}` : '可不填',
    note: '',
    noteCount: 0,
    route: '',
    askOutcome: ANSWERING_ACTIONS.includes(action),
    outcome: '',
    unitId: '',
    unitName: '',
    unitOptions: [],
    intoCaseId: '',
    confirm: CONFIRMED.includes(action),
    errors: { ...NO_ERRORS },
  };
}

/** Each route in one line, for the deputy choosing it. */
export const ROUTE_HINTS: Record<RouteKind, string> = {
  direct: '您或联络站现在就能答复，直接办理',
  assign: '交给街道（乡镇）政府办理',
  transfer: '转给市级部门，人大常委会审核后转出',
  escalate: '超出本级职权，报给上级人大',
};

export const ROUTE_CHOICES = ROUTE_KINDS.map((key) => ({
  key,
  label: ROUTE_LABELS[key],
  hint: ROUTE_HINTS[key],
}));

/** What each action does, in one line under its button. */
export const ACTION_HINTS: Record<CaseAction, string> = {
  accept: '确认接手办理，开始计算期限',
  decline: '不合理的诉求，写下耐心的书面说明',
  route: '选择直办、交办、转办或报办',
  approve_transfer: '同意转给市级部门办理',
  reject_transfer: '不同意转办，退回代表办理',
  unit_answer: '写下本单位的办理结果',
  unit_return: '不归本单位办理，退回重新分办',
  reply: '写下答复，群众会收到通知',
  report_back: '把办理结果告诉群众',
  supervise: '列为重点，人大常委会跟进到解决',
  rate: '群众的评价',
  redo: '群众不满意，重新办理',
  close_by_time: '超时未评价，办结',
  merge: '与更早的同一件诉求合并办理',
  pause_clock: '等群众补充情况时，暂停计算期限',
  resume_clock: '继续计算期限',
  chase: '群众催办',
  supplement: '群众补充情况',
  withdraw: '群众撤回',
};

/**
 * 受理 beside 答复 on a case not yet accepted: answering accepts it too (core/lifecycle-table.ts, a
 * reply from `submitted` sets the acceptance), so 答复 stays the main button and 受理 says so.
 */
export const ACCEPT_BESIDE_REPLY_HINT = '先接手、稍后再答复或分办；直接答复也算受理';

/**
 * The action a case most likely needs next, shown as the page's main button; the rest are grouped.
 * 答复 comes before 受理: on a case waiting to be accepted, the answer accepts it as well.
 */
const PRIMARY_ORDER: CaseAction[] = [
  'reply',
  'unit_answer',
  'approve_transfer',
  'accept',
  'report_back',
  'redo',
  'resume_clock',
];

export interface ActionButton {
  key: CaseAction;
  label: string;
  hint: string;
}

/** Splits the allowed actions into the main one (if any) and the others, in their own order. */
export function prioritised(actions: CaseAction[]): { primary: ActionButton | null; others: ActionButton[] } {
  const main = PRIMARY_ORDER.find((action) => actions.includes(action)) ?? null;
  const button = (key: CaseAction): ActionButton => ({
    key,
    label: actionLabel(key),
    hint: key === 'accept' && main === 'reply' ? ACCEPT_BESIDE_REPLY_HINT : ACTION_HINTS[key],
  });
  return {
    primary: main && button(main),
    others: actions.filter((action) => action !== main).map(button),
  };
}

export const OUTCOME_CHOICES = ANSWER_OUTCOMES.map((key) => ({ key, label: ANSWER_OUTCOME_LABELS[key] }));

export const OUTCOME_MISSING = '请选择办理结果：已解决或采纳、列入计划，或留作参考/解释说明';

export const unitsFor = (route: RouteKind | '', units: UnitView[]): UnitView[] =>
  route && route !== 'direct' ? units.filter((unit) => unit.kind === UNIT_KIND[route]) : [];

export const noteLimitMessage = (count: number): string =>
  count > LIMITS.replyMax ? `最多 ${LIMITS.replyMax} 个字，当前 ${count} 个字` : '';

export const countOf = (note: string): number => charLength(note.trim());

/** The form's problems, as the function would name them; all empty when it may be sent. */
export function check(form: ActForm): FormErrors {
  const errors = { ...NO_ERRORS };
  const count = countOf(form.note);
  if (form.noteRequired && count < LIMITS.replyMin)
    errors.note = `请填写${form.noteName}，至少 ${LIMITS.replyMin} 个字`;
  else errors.note = noteLimitMessage(count);
  if (form.action === 'route') {
    if (!form.route) errors.route = '请选择办理方式';
    else if (form.route !== 'direct' && !form.unitId) errors.unitId = '请选择承办单位';
  }
  if (form.askOutcome && !form.outcome) errors.outcome = OUTCOME_MISSING;
  if (form.action === 'merge' && !form.intoCaseId.trim())
    errors.intoCaseId = '请填写要合并到的诉求的受理编号或 ID';
  return errors;
}

export const hasErrors = (errors: FormErrors): boolean => Object.values(errors).some(Boolean);

/** What the act call sends for the form, without the clientRequestId (made per attempt). */
export function inputOf(caseId: string, form: ActForm): Omit<ActInput, 'clientRequestId'> {
  const input: Omit<ActInput, 'clientRequestId'> = { caseId, action: form.action };
  const note = form.note.trim();
  if (note) input.note = note;
  if (form.action === 'route' && form.route) {
    input.route = form.route;
    if (form.route !== 'direct') input.unitId = form.unitId;
  }
  if (form.action === 'merge') input.intoCaseId = form.intoCaseId.trim();
  if (form.askOutcome && form.outcome) input.outcome = form.outcome;
  return input;
}

/** The function's field messages, on the form's fields (`into` is the lifecycle's name for the earlier case). */
export function errorsFrom(fields: Record<string, string>, message: string): FormErrors {
  const errors: FormErrors = {
    note: fields.note ?? '',
    route: fields.route ?? '',
    outcome: fields.outcome ?? '',
    unitId: fields.unitId ?? '',
    intoCaseId: fields.intoCaseId ?? fields.into ?? '',
    form: '',
  };
  if (!hasErrors(errors)) errors.form = message;
  return errors;
}
