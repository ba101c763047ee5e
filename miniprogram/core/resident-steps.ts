import { addDays, chinaDate } from './china-time';
import { addWorkingDays, workingDaysBetween } from './deadlines';
import { CLIENT_REQUEST_ID_MESSAGE, isClientRequestId } from './ids';
import { invalid, ok, type Failure, type Success } from './result';
import type { WorkCalendar } from './reception';
import { LIMITS, photoPrefix } from './submit';
import { charLength, textInput, WRONG_TYPE } from './text';
import { checkVoiceNotes, type VoiceNoteInput } from './voice';

/**
 * The resident's own steps on an open case, besides rating (docs/decisions/0025-chase-and-withdrawal.md):
 *
 * - 催办 chase: once the answer's due date has passed (the clock is running and past its due
 *   instant), at most `CHASE_RULES.perRound` times per deadline round, and the next one only
 *   `CHASE_RULES.gapWorkingDays` working days after the last. A paused clock (the handler is
 *   waiting for the resident) moves the due date on, so it is never overdue.
 * - 补充 supplement: text and/or photos while the case is open; the case holds at most
 *   `SUPPLEMENT_LIMITS.casePhotosMax` photos in all.
 * - 撤回 withdraw: before anyone accepted the case (the lifecycle table), with an optional reason.
 *
 * Pure: the calendar and the instants come in. The phone uses it to show the buttons, the
 * function to decide.
 */

export const CHASE_RULES = {
  /** Chases per deadline round (a case sent back to be redone starts a new round). */
  perRound: 3,
  /** Working days from one chase to the next. */
  gapWorkingDays: 3,
} as const;

export const SUPPLEMENT_LIMITS = {
  /** Photos one supplement adds. */
  photosMax: LIMITS.photosMax,
  /** Photos a case holds in all: the appeal's and every supplement's. */
  casePhotosMax: 2 * LIMITS.photosMax,
  noteMax: LIMITS.replyMax,
  /** A text on its own must say something. */
  noteMin: LIMITS.replyMin,
  reasonMax: 200,
} as const;

/** What the resident's case page shows about 催办. */
export interface ChaseView {
  allowed: boolean;
  /** Chases left in this round. */
  remaining: number;
  /** The first China-local date the next chase is possible, when one will be; else null. */
  nextDate: string | null;
  /** One line for the page: why not yet, or what a chase does. */
  message: string;
}

export interface ChaseFacts {
  /** The running clock's start and due instant; null while no clock runs (not accepted, answered, stopped). */
  clock: { startAt: number; dueAt: number } | null;
  /** When the resident chased this case before (instants of its `chased` events). */
  chasedAt: readonly number[];
}

const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Whether the resident may chase now, and what to tell them. */
export function chaseView(facts: ChaseFacts, now: number, calendar: WorkCalendar): ChaseView {
  const { clock } = facts;
  if (!clock)
    return {
      allowed: false,
      remaining: 0,
      nextDate: null,
      message: '受理后、答复期限过了仍未答复时可以催办',
    };
  const round = facts.chasedAt.filter((at) => at >= clock.startAt).sort((a, b) => a - b);
  const remaining = Math.max(0, CHASE_RULES.perRound - round.length);
  const dueDate = chinaDate(clock.dueAt);
  if (now <= clock.dueAt)
    return {
      allowed: false,
      remaining,
      nextDate: addDays(dueDate, 1),
      message: `答复期限是${monthDay(dueDate)}，过了期限仍未答复可以催办`,
    };
  if (remaining === 0)
    return {
      allowed: false,
      remaining,
      nextDate: null,
      message: `您已催办 ${CHASE_RULES.perRound} 次，代表正在跟进，请耐心等待答复`,
    };
  const last = round[round.length - 1];
  if (last !== undefined) {
    const lastDate = chinaDate(last);
    if (workingDaysBetween(lastDate, chinaDate(now), calendar) < CHASE_RULES.gapWorkingDays) {
      const next = addWorkingDays(lastDate, CHASE_RULES.gapWorkingDays, calendar).date;
      return {
        allowed: false,
        remaining,
        nextDate: next,
        message: `您${monthDay(lastDate)}已催办，${monthDay(next)}起可以再次催办`,
      };
    }
  }
  return {
    allowed: true,
    remaining,
    nextDate: null,
    message: `已过答复期限（${monthDay(dueDate)}），可以催办，还可催办 ${remaining} 次`,
  };
}

export interface SupplementInput {
  caseId: string;
  note: string | null;
  photos: string[];
  voiceNotes: VoiceNoteInput[];
  clientRequestId: string;
}

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A supplement as the phone sends it: text (multi-line, optional when photos or voice notes come),
 * photos and voice notes (file IDs under the caller's own prefix when `photoOwner` is given), one
 * request id.
 */
export function validateSupplement(raw: unknown, photoOwner?: string): Success<SupplementInput> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const caseId = typeof input.caseId === 'string' && CASE_ID.test(input.caseId) ? input.caseId : null;
  if (!caseId) fields.caseId = '没有找到这条诉求';
  const text = textInput(input.note, 'lines');
  const photos = Array.isArray(input.photos) ? input.photos : input.photos === undefined ? [] : null;
  if (!photos || photos.some((p) => typeof p !== 'string' || !p)) fields.photos = '照片信息无效，请重新上传';
  else if (photos.length > SUPPLEMENT_LIMITS.photosMax)
    fields.photos = `一次最多补充 ${SUPPLEMENT_LIMITS.photosMax} 张照片`;
  else if (new Set(photos).size !== photos.length) fields.photos = '有重复的照片';
  else if (photoOwner && photos.some((p) => !(p as string).includes(`/${photoPrefix(photoOwner)}`)))
    fields.photos = '只能使用您本人上传的照片';
  const voiceNotes = checkVoiceNotes(input.voiceNotes, fields, photoOwner);
  if (photos && voiceNotes?.some((n) => photos.includes(n.fileID))) fields.voiceNotes = '有重复的声音留言';
  if (text === null) fields.note = `补充内容${WRONG_TYPE}`;
  else {
    const length = charLength(text);
    if (length > SUPPLEMENT_LIMITS.noteMax)
      fields.note = `最多 ${SUPPLEMENT_LIMITS.noteMax} 个字，当前 ${length} 个字`;
    else if (length === 0 && photos?.length === 0 && voiceNotes?.length === 0)
      fields.note = '请写下要补充的内容，或添加照片、声音留言';
    else if (length > 0 && length < SUPPLEMENT_LIMITS.noteMin)
      fields.note = `补充内容至少 ${SUPPLEMENT_LIMITS.noteMin} 个字`;
  }
  if (!isClientRequestId(input.clientRequestId)) fields.clientRequestId = CLIENT_REQUEST_ID_MESSAGE;
  if (Object.keys(fields).length > 0) return invalid(fields);
  return ok({
    caseId: caseId ?? '',
    note: text || null,
    photos: photos as string[],
    voiceNotes: voiceNotes ?? [],
    clientRequestId: input.clientRequestId as string,
  });
}
