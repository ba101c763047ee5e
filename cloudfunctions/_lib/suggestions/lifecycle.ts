import type { SuggestionEventType, SuggestionView } from '../../../miniprogram/core/api';
import { chinaDateTime, isIsoDate } from '../../../miniprogram/core/china-time';
import { ANSWER_OUTCOME_LABELS, ANSWER_OUTCOMES, type AnswerOutcome } from '../../../miniprogram/core/model';
import { templateData, TEMPLATES } from '../../../miniprogram/core/notifications';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { SUGGESTION_LIMITS, validateSuggestion } from '../../../miniprogram/core/suggestions';
import { charLength, textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import { deliverQueued, newJob, queueAndDeliver } from '../outbox';
import {
  byIds,
  collection,
  derivedId,
  duplicateIndex,
  getById,
  requestIdOf,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type OutboxJob,
  type SuggestionDoc,
} from '../platform';
import { actorOf, isDrafter, viewOf, visible, type Actor } from './views';

/**
 * 代表建议's lifecycle (docs/decisions/0024-suggestion-lifecycle.md): drafted → submitted → answered.
 * Every write is a compare-and-set on the suggestion's version and records its request id in an
 * event, so a retry finds its event and answers the suggestion as it stands. The signers are told in
 * the same write (the suggestion's own outbox): asked to sign, told it went in, told the answer.
 */

type Input = Record<string, unknown>;

/** The number a message shows for a suggestion (the template's 编号 field). */
const shortNo = (id: string) => `JY${id.slice(-8).toUpperCase()}`;

function signerJobs(
  ctx: ActionContext,
  doc: Pick<SuggestionDoc, '_id' | 'title'>,
  seq: number,
  recipients: Array<{ deputyId: string; openid: string | null }>,
  status: string,
  note: string,
): OutboxJob[] {
  const data = templateData(TEMPLATES.caseProgress.keys, {
    caseNo: shortNo(doc._id),
    status,
    note,
    time: chinaDateTime(ctx.now),
  });
  return recipients.map((r) =>
    newJob({
      ownerId: doc._id,
      seq,
      recipient: `signer-${r.deputyId}`,
      template: 'caseProgress',
      to: r.openid,
      data,
      now: ctx.now,
      page: 'pages/deputy/suggestions/index',
    }),
  );
}

async function openids(ctx: ActionContext, deputyIds: string[]) {
  const deputies = await byIds(ctx.db, 'deputies', deputyIds);
  return deputyIds.map((deputyId) => ({ deputyId, openid: deputies.get(deputyId)?.openid ?? null }));
}

/** The cleaned fields, the signers as named in the directory, and the evidence found. */
async function checked(ctx: ActionContext, actor: Actor, input: Input) {
  const valid = validateSuggestion(input);
  if (!valid.ok) return valid;
  const fields = valid.data;
  // A deputy who drafts signs first: it is their suggestion.
  if (actor.kind === 'deputy' && !fields.signerIds.includes(actor.deputy._id))
    fields.signerIds = [actor.deputy._id, ...fields.signerIds];
  const deputies = await byIds(ctx.db, 'deputies', fields.signerIds);
  const missing = fields.signerIds.filter((id) => !deputies.get(id)?.active);
  if (missing.length > 0) return invalid({ signerIds: '有联名代表不在名册中或已离任，请重新选择' });
  const { data } = await collection(ctx.db, 'cases')
    .where({ caseNo: ctx.db.command.in(fields.caseNos) })
    .limit(SUGGESTION_LIMITS.caseNos)
    .field<{ _id: string; caseNo: string }>({ _id: true, caseNo: true })
    .get();
  if (data.length !== fields.caseNos.length) return invalid({ caseNos: '有依据诉求的编号没有找到' });
  const screened = await screenTexts(actor.caller.openid, [
    { field: 'title', label: '标题', text: fields.title, scene: TEXT_SCENE.comment },
    { field: 'problem', label: '问题', text: fields.problem, scene: TEXT_SCENE.comment },
    { field: 'reasons', label: '理由', text: fields.reasons, scene: TEXT_SCENE.comment },
    { field: 'proposal', label: '建议', text: fields.proposal, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  const signers = fields.signerIds.map((id) => ({
    deputyId: id,
    name: deputies.get(id)?.name ?? '',
    openid: deputies.get(id)?.openid ?? null,
  }));
  return { fields, signers };
}

const by = (actor: Actor) => (actor.kind === 'office' ? '代表工委' : actor.deputy.name);

const event = (
  type: SuggestionEventType,
  ctx: ActionContext,
  actor: Actor,
  requestId: string,
  note = '',
) => ({
  type,
  at: ctx.now,
  by: by(actor),
  requestId,
  note,
});

async function draft(ctx: ActionContext, as: Actor['kind'], input: Input): Promise<SuggestionView | Failure> {
  const actor = await actorOf(ctx, as);
  if (isFailure(actor)) return actor;
  const requestId = requestIdOf(input);
  if (isFailure(requestId)) return requestId;
  const id = derivedId('sg', actor.caller.openid, requestId);
  const earlier = await getById(ctx.db, 'suggestions', id);
  if (earlier) return viewOf(actor, earlier);
  const classKey =
    typeof input.classKey === 'string' && input.classKey.trim() ? input.classKey.trim().slice(0, 120) : null;
  const classLabel = textInput(input.classLabel);
  const period =
    isIsoDate(input.from) && isIsoDate(input.to) && input.from <= input.to
      ? { from: input.from, to: input.to }
      : null;
  const found = await checked(ctx, actor, input);
  if (isFailure(found)) return found;
  const { fields, signers } = found;
  const drafter = actor.kind === 'deputy' ? actor.deputy._id : null;
  const doc: SuggestionDoc = {
    _id: id,
    ...fields,
    classKey,
    classLabel: classLabel ? classLabel.slice(0, 40) : null,
    period,
    signers: signers.map((s) => ({
      deputyId: s.deputyId,
      name: s.name,
      signedAt: s.deputyId === drafter ? ctx.now : null,
    })),
    status: 'drafted',
    draftedBy: { role: actor.kind, openid: actor.caller.openid, deputyId: drafter, name: actor.caller.name },
    answer: null,
    events: [event('drafted', ctx, actor, requestId)],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    submittedAt: null,
    answeredAt: null,
    version: 1,
    outbox: [],
    outboxDueAt: null,
    outboxRev: 0,
  };
  const toAsk = signers.filter((s) => s.deputyId !== drafter);
  doc.outbox = signerJobs(ctx, doc, 0, toAsk, '待联名', `请确认联名：${fields.title}`);
  doc.outboxDueAt = doc.outbox.length > 0 ? ctx.now : null;
  try {
    await collection(ctx.db, 'suggestions').add(doc);
  } catch (error) {
    if (duplicateIndex(error) === null) throw error;
    const theirs = await getById(ctx.db, 'suggestions', id);
    return theirs ? viewOf(actor, theirs) : fail('CONFLICT', '请刷新后重试');
  }
  await deliverQueued(ctx, 'suggestions', doc, doc.outbox);
  return viewOf(actor, doc);
}

/** `office.draftSuggestion`: a new suggestion drafted by the office, the signers asked to sign. */
export const officeDraft = (input: Input, ctx: ActionContext) => draft(ctx, 'office', input);
/** `deputy.draftSuggestion`: a new suggestion drafted (and signed first) by the calling deputy. */
export const deputyDraft = (input: Input, ctx: ActionContext) => draft(ctx, 'deputy', input);

/**
 * The suggestion to change, the actor, and the request id; or the suggestion as it stands when the
 * request was already applied (a retry).
 */
async function target(ctx: ActionContext, as: Actor['kind'], input: Input) {
  const actor = await actorOf(ctx, as);
  if (isFailure(actor)) return actor;
  const requestId = requestIdOf(input);
  if (isFailure(requestId)) return requestId;
  const doc = await visible(ctx, actor, input.id);
  if (isFailure(doc)) return doc;
  const done = doc.events.some((e) => e.requestId === requestId);
  return { actor, requestId, doc, done };
}

const STATUS_WORDS = { drafted: '还在起草中', submitted: '已提交', answered: '已答复' } as const;

const notNow = (doc: SuggestionDoc, what: string) =>
  fail('SUGGESTION.STATUS', `这条建议${STATUS_WORDS[doc.status]}，不能${what}`);

/** One conditional update with the signers' messages; CONFLICT when someone changed it first. */
async function apply(
  ctx: ActionContext,
  actor: Actor,
  doc: SuggestionDoc,
  changes: Partial<SuggestionDoc>,
  ev: SuggestionDoc['events'][number],
  jobsFor: (seq: number) => OutboxJob[],
): Promise<SuggestionView | Failure> {
  const _ = ctx.db.command;
  const seq = doc.events.length;
  const jobs = jobsFor(seq);
  const applied = await queueAndDeliver(
    ctx,
    'suggestions',
    doc,
    { version: doc.version },
    { ...changes, events: _.push([ev]), updatedAt: ctx.now, version: doc.version + 1 },
    jobs,
  );
  if (!applied) return fail('CONFLICT', '这条建议刚被别人修改过，请刷新后重试');
  const stored = await getById(ctx.db, 'suggestions', doc._id);
  return stored ? viewOf(actor, stored) : fail('NOT_FOUND', '没有找到这条代表建议');
}

async function update(
  ctx: ActionContext,
  as: Actor['kind'],
  input: Input,
): Promise<SuggestionView | Failure> {
  const found = await target(ctx, as, input);
  if (isFailure(found)) return found;
  const { actor, doc, requestId } = found;
  if (found.done) return viewOf(actor, doc);
  if (actor.kind === 'deputy' && !isDrafter(actor, doc))
    return fail('AUTH.FORBIDDEN', '只有起草的代表和代表工委可以修改这条建议');
  if (doc.status !== 'drafted') return notNow(doc, '再修改');
  if (input.version !== doc.version) return fail('CONFLICT', '这条建议刚被别人修改过，请刷新后重试');
  const checkedInput = await checked(ctx, actor, input);
  if (isFailure(checkedInput)) return checkedInput;
  const { fields, signers } = checkedInput;
  const reworded = (['title', 'problem', 'reasons', 'proposal'] as const).some((f) => fields[f] !== doc[f]);
  const drafter = doc.draftedBy.deputyId;
  // A signer signed what they read: new words ask everyone to sign again, except who wrote them.
  const signed = new Map(doc.signers.map((s) => [s.deputyId, s.signedAt]));
  const next = signers.map((s) => ({
    deputyId: s.deputyId,
    name: s.name,
    signedAt:
      s.deputyId === drafter && actor.kind === 'deputy'
        ? (signed.get(s.deputyId) ?? ctx.now)
        : reworded
          ? null
          : (signed.get(s.deputyId) ?? null),
  }));
  const ask = signers.filter((s, i) => next[i].signedAt === null && (reworded || !signed.has(s.deputyId)));
  return apply(
    ctx,
    actor,
    doc,
    { ...fields, signers: next },
    event('updated', ctx, actor, requestId, reworded ? '修改了内容' : '修改了依据或联名代表'),
    (seq) => signerJobs(ctx, doc, seq, ask, '待联名', `请确认联名：${fields.title}`),
  );
}

export const officeUpdate = (input: Input, ctx: ActionContext) => update(ctx, 'office', input);
export const deputyUpdate = (input: Input, ctx: ActionContext) => update(ctx, 'deputy', input);

/** `deputy.signSuggestion`: the calling deputy signs (联名) a suggestion they are named on. */
export async function signSuggestion(input: Input, ctx: ActionContext): Promise<SuggestionView | Failure> {
  const found = await target(ctx, 'deputy', input);
  if (isFailure(found)) return found;
  const { actor, doc, requestId } = found;
  if (found.done || actor.kind !== 'deputy') return viewOf(actor, doc);
  const index = doc.signers.findIndex((s) => s.deputyId === actor.deputy._id);
  if (doc.signers[index]?.signedAt) return viewOf(actor, doc);
  if (doc.status !== 'drafted') return notNow(doc, '再联名');
  return apply(
    ctx,
    actor,
    doc,
    { [`signers.${index}.signedAt`]: ctx.now } as Partial<SuggestionDoc>,
    event('signed', ctx, actor, requestId),
    () => [],
  );
}

async function submit(
  ctx: ActionContext,
  as: Actor['kind'],
  input: Input,
): Promise<SuggestionView | Failure> {
  const found = await target(ctx, as, input);
  if (isFailure(found)) return found;
  const { actor, doc, requestId } = found;
  if (found.done) return viewOf(actor, doc);
  if (actor.kind === 'deputy' && !isDrafter(actor, doc))
    return fail('AUTH.FORBIDDEN', '只有起草的代表和代表工委可以提交这条建议');
  if (doc.status !== 'drafted') return notNow(doc, '再提交');
  const unsigned = doc.signers.filter((s) => s.signedAt === null);
  if (unsigned.length > 0)
    return fail(
      'SUGGESTION.UNSIGNED',
      `${unsigned.map((s) => s.name).join('、')}还没有确认联名，确认后才能提交`,
    );
  const recipients = await openids(ctx, doc.signerIds);
  return apply(
    ctx,
    actor,
    doc,
    { status: 'submitted', submittedAt: ctx.now },
    event('submitted', ctx, actor, requestId),
    (seq) => signerJobs(ctx, doc, seq, recipients, '已提交', `已提交：${doc.title}`),
  );
}

export const officeSubmit = (input: Input, ctx: ActionContext) => submit(ctx, 'office', input);
export const deputySubmit = (input: Input, ctx: ActionContext) => submit(ctx, 'deputy', input);

/** `office.recordSuggestionAnswer`: the government's answer, recorded by the office; the signers are told. */
export async function recordSuggestionAnswer(
  input: Input,
  ctx: ActionContext,
): Promise<SuggestionView | Failure> {
  const found = await target(ctx, 'office', input);
  if (isFailure(found)) return found;
  const { actor, doc, requestId } = found;
  if (found.done) return viewOf(actor, doc);
  const fields: Record<string, string> = {};
  const unit = textInput(input.unit);
  const text = textInput(input.text, 'lines');
  if (unit === null) fields.unit = WRONG_TYPE;
  else if (!unit || charLength(unit) > SUGGESTION_LIMITS.answerUnit)
    fields.unit = `请填写答复单位（最多 ${SUGGESTION_LIMITS.answerUnit} 个字）`;
  if (text === null) fields.text = WRONG_TYPE;
  else if (!text || charLength(text) > SUGGESTION_LIMITS.answerText)
    fields.text = `请填写答复内容（最多 ${SUGGESTION_LIMITS.answerText} 个字）`;
  if (!isIsoDate(input.date)) fields.date = '请选择答复日期';
  if (!ANSWER_OUTCOMES.includes(input.outcome as AnswerOutcome)) fields.outcome = '请选择办理结果';
  if (Object.keys(fields).length > 0) return invalid(fields);
  if (doc.status !== 'submitted') return notNow(doc, '登记答复');
  const outcome = input.outcome as AnswerOutcome;
  const screened = await screenTexts(actor.caller.openid, [
    { field: 'unit', label: '答复单位', text: unit, scene: TEXT_SCENE.profile },
    { field: 'text', label: '答复内容', text, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  const recipients = await openids(ctx, doc.signerIds);
  return apply(
    ctx,
    actor,
    doc,
    {
      status: 'answered',
      answeredAt: ctx.now,
      answer: {
        unit: unit as string,
        text: text as string,
        date: input.date as string,
        outcome,
        recordedAt: ctx.now,
        by: actor.caller.openid,
      },
    },
    event('answered', ctx, actor, requestId, ANSWER_OUTCOME_LABELS[outcome]),
    (seq) =>
      signerJobs(
        ctx,
        doc,
        seq,
        recipients,
        '已答复',
        `${unit as string}答复：${ANSWER_OUTCOME_LABELS[outcome]}`,
      ),
  );
}
