import type {
  LinkProblemResult,
  SimilarAppealItem,
  SimilarAppealsView,
  SimilarCaseItem,
  SimilarCasesView,
} from '../../../miniprogram/core/api';
import { CASE_NO_PATTERN } from '../../../miniprogram/core/case-number';
import { chinaDate } from '../../../miniprogram/core/china-time';
import type { Actor, Party } from '../../../miniprogram/core/lifecycle';
import { CASE_STATUS_LABELS } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { LIMITS } from '../../../miniprogram/core/submit';
import { charLength, truncate } from '../../../miniprogram/core/text';
import { linkCases } from '../cases';
import {
  findOne,
  getById,
  requestIdOf,
  requireHandler,
  requireWeChatUser,
  standingOn,
  type ActionContext,
  type CaseDoc,
  type Handler,
} from '../platform';
import { appealTextOf, maskedExcerpt, openCases, type CaseText } from './read';
import { Corpus, likeness, mainClass, SAME_PROBLEM, type Likeness, type Profile } from './similarity';
import { analyse, analyseAll, classById, type Analysis, type AppealText } from './text';

/**
 * 相似诉求: the district's open cases most like one case (for whoever handles it), and, before a
 * resident submits, the appeals like their draft already being handled nearby.
 */

/** Below this, a case is not shown as similar at all. */
const SHOWN_FROM = 0.3;
const DEFAULT_LIMIT = 10;

/** Analyses kept per function instance: a case's text does not change once submitted. */
const analyses = new Map<string, Analysis>();
const CACHE_MAX = 20_000;

function analysesOf(cases: readonly CaseText[]): Analysis[] {
  const missing = cases.filter((c) => !analyses.has(c._id));
  const fresh = analyseAll(missing.map(appealTextOf));
  if (analyses.size + missing.length > CACHE_MAX) analyses.clear();
  missing.forEach((c, i) => analyses.set(c._id, fresh[i]));
  return cases.map((c) => analyses.get(c._id) ?? analyse(appealTextOf(c)));
}

interface Ranked {
  doc: CaseText;
  profile: Profile;
  like: Likeness;
}

/** The candidates ranked by likeness to one appeal, most alike first. */
function rank(subject: Analysis, candidates: readonly CaseText[]): { subject: Profile; ranked: Ranked[] } {
  const all = analysesOf(candidates);
  const corpus = new Corpus([subject, ...all]);
  const profile = corpus.profile(subject);
  const ranked = candidates
    .map((doc, i) => {
      const other = corpus.profile(all[i]);
      return { doc, profile: other, like: likeness(profile, other) };
    })
    .filter((r) => r.like.score >= SHOWN_FROM)
    .sort((a, b) => b.like.score - a.like.score || b.doc.createdAt - a.doc.createdAt);
  return { subject: profile, ranked };
}

const labelOf = (profile: Profile): string | null => {
  const main = mainClass(profile);
  return main ? (classById(main)?.label ?? null) : null;
};

const placeOf = (profile: Profile, doc: CaseText): string | null =>
  profile.analysis.places[0] ?? doc.location?.name ?? null;

function isLinked(
  a: Pick<CaseText, 'caseNo' | 'problemLinks'>,
  b: Pick<CaseText, 'caseNo' | 'problemLinks'>,
) {
  return (a.problemLinks ?? []).includes(b.caseNo) || (b.problemLinks ?? []).includes(a.caseNo);
}

/** The case named by `caseId` or `caseNo`, when the caller handles it as deputy, staff or office. */
async function handledCase(
  ctx: ActionContext,
  handler: Handler,
  input: Record<string, unknown>,
): Promise<CaseDoc | Failure> {
  const caseNo = typeof input.caseNo === 'string' ? input.caseNo.trim() : '';
  const caseId = typeof input.caseId === 'string' ? input.caseId : '';
  if (!caseId && !CASE_NO_PATTERN.test(caseNo)) return invalid({ caseId: '请指明是哪一条诉求' });
  const doc = caseId ? await getById(ctx.db, 'cases', caseId) : await findOne(ctx.db, 'cases', { caseNo });
  const standing = doc ? standingOn(handler, doc) : null;
  if (!doc || !standing) return fail('NOT_FOUND', '没有找到这条诉求');
  if (standing.role === 'unit') return fail('AUTH.FORBIDDEN', '相似诉求仅限代表、联络站和代表工委查看');
  return doc;
}

/** `casework.similarCases`: the district's open cases most like this one, most alike first. */
export async function similarCases(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<SimilarCasesView | Failure> {
  const handler = await requireHandler(ctx);
  if (isFailure(handler)) return handler;
  const limit =
    typeof input.limit === 'number' && Number.isInteger(input.limit) && input.limit >= 1 && input.limit <= 50
      ? input.limit
      : DEFAULT_LIMIT;
  const doc = await handledCase(ctx, handler, input);
  if (isFailure(doc)) return doc;
  const candidates = (await openCases(ctx.db)).filter((c) => c._id !== doc._id);
  const { subject, ranked } = rank(analysesOf([doc])[0], candidates);
  const mergeable = doc.status === 'submitted' || doc.status === 'accepted';
  const items: SimilarCaseItem[] = ranked.slice(0, limit).map(({ doc: other, profile, like }) => {
    const standing = standingOn(handler, other);
    const visible = standing !== null && standing.role !== 'unit';
    const linked = isLinked(doc, other);
    const actions: SimilarCaseItem['actions'] = [];
    if (visible && mergeable && other.createdAt < doc.createdAt) actions.push('merge');
    if (!linked) actions.push('link');
    return {
      caseNo: other.caseNo,
      caseId: visible ? other._id : null,
      masked: !visible,
      score: like.score,
      reasons: like.reasons,
      problem: labelOf(profile),
      summary: visible ? truncate(other.description, 80) : maskedExcerpt(other.description),
      categoryName: other.categoryName,
      status: other.status,
      createdAt: other.createdAt,
      place: visible ? placeOf(profile, other) : (profile.analysis.namedPlaces[0] ?? null),
      metres: like.metres,
      linked,
      actions,
    };
  });
  return { caseNo: doc.caseNo, problem: labelOf(subject), items };
}

const ACTOR_PARTY: Record<'deputy' | 'staff' | 'office', Party> = {
  deputy: 'deputy',
  staff: 'deputy',
  office: 'office',
};

/** `casework.linkProblem`: links a case the caller handles with another as the same problem. */
export async function linkProblem(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<LinkProblemResult | Failure> {
  const handler = await requireHandler(ctx);
  if (isFailure(handler)) return handler;
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  const otherCaseNo = typeof input.otherCaseNo === 'string' ? input.otherCaseNo.trim() : '';
  if (!CASE_NO_PATTERN.test(otherCaseNo)) return invalid({ otherCaseNo: '请填写要关联的诉求编号' });
  const doc = await handledCase(ctx, handler, { caseId: input.caseId });
  if (isFailure(doc)) return doc;
  const other = await findOne(ctx.db, 'cases', { caseNo: otherCaseNo });
  if (!other) return invalid({ otherCaseNo: '没有找到要关联的诉求' });
  const standing = standingOn(handler, doc);
  if (!standing || standing.role === 'unit') return fail('NOT_FOUND', '没有找到这条诉求');
  const actor: Actor =
    standing.role === 'office'
      ? { role: 'office', id: 'office', name: '代表工委' }
      : standing.role === 'deputy'
        ? { role: 'deputy', id: standing.deputyId, name: handler.name || '代表' }
        : { role: 'staff', id: standing.stationId, name: handler.name || '联络站' };
  const otherStanding = standingOn(handler, other);
  const links = await linkCases(
    ctx,
    doc,
    other,
    actor,
    ACTOR_PARTY[standing.role],
    clientRequestId,
    otherStanding !== null && otherStanding.role !== 'unit',
  );
  if (isFailure(links)) return links;
  return { caseNo: doc.caseNo, linkedCaseNos: links };
}

/** At most this many appeals are shown to a resident before they submit. */
const DRAFT_LIMIT = 3;

function draftOf(input: Record<string, unknown>): AppealText | Failure {
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (charLength(description) < LIMITS.descriptionMin) return invalid({ description: '请先写下具体情况' });
  if (charLength(description) > LIMITS.descriptionMax)
    return invalid({ description: `描述最多 ${LIMITS.descriptionMax} 个字` });
  const category =
    typeof input.category === 'string' && /^[a-z_]{1,32}$/.test(input.category) ? input.category : null;
  const raw = input.location;
  let location: AppealText['location'] = null;
  if (raw !== undefined && raw !== null) {
    const place = raw as Record<string, unknown>;
    const { latitude, longitude } = place;
    if (
      typeof raw !== 'object' ||
      typeof latitude !== 'number' ||
      typeof longitude !== 'number' ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    )
      return invalid({ location: '位置信息无效，请重新选择' });
    location = {
      latitude,
      longitude,
      ...(typeof place.name === 'string' ? { name: place.name.slice(0, 100) } : {}),
      ...(typeof place.address === 'string' ? { address: place.address.slice(0, 200) } : {}),
    };
  }
  return { description, category, location };
}

/**
 * `resident.similarAppeals`: before submitting, the appeals like the draft that are already being
 * handled at the same place or nearby. Only what anyone may know: the class of problem, the place
 * name, the status and the date; never another person's words, name, phone or address.
 */
export async function similarAppeals(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<SimilarAppealsView | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const draft = draftOf(input);
  if (isFailure(draft)) return draft;
  const subject = analyse(draft);
  if (subject.places.length === 0 && !subject.point) return { items: [] };
  const candidates = (await openCases(ctx.db)).filter((c) => c.openid !== openid);
  const { ranked } = rank(subject, candidates);
  const items: SimilarAppealItem[] = ranked
    .filter(
      ({ like }) =>
        like.problem >= SAME_PROBLEM &&
        (like.reasons.includes('same_place') || like.reasons.includes('nearby')),
    )
    .slice(0, DRAFT_LIMIT)
    .map(({ doc, profile, like }) => ({
      caseNo: doc.caseNo,
      problem: labelOf(profile) ?? doc.categoryName,
      categoryName: doc.categoryName,
      statusLabel: CASE_STATUS_LABELS[doc.status],
      place: profile.analysis.namedPlaces[0] ?? null,
      metres: like.metres,
      reasons: like.reasons,
      joined: candidates.filter((c) => (c.problemLinks ?? []).includes(doc.caseNo)).length,
      date: chinaDate(doc.createdAt),
    }));
  return { items };
}
