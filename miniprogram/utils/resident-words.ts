import type { TimelineEntry } from '../core/api';
import { deadlineDays } from '../core/deadlines';
import { ACTOR_ROLE_LABELS, type CaseEventType, type CaseKind, type CaseStatus } from '../core/model';

/**
 * What the resident reads about their own case, in plain words rather than the office's procedure
 * words (受理, 交办, 转办 …, docs/glossary.md): the status as a headline with what happens next, the
 * timeline as sentences about them (「群众」 is 您), and the answer picked out of the timeline.
 */

export interface StatusWords {
  /** The headline: 待您评价 rather than 已答复. */
  title: string;
  /** What it means and what happens next. */
  hint: string;
}

export const RESIDENT_STATUS: Record<CaseStatus, StatusWords> = {
  submitted: {
    title: '已送达，等待受理',
    hint: '代表收到后会先受理（确认接手办理），再答复您。',
  },
  accepted: {
    title: '代表已接手办理',
    hint: '代表已受理您的诉求，正在了解情况，会答复您。',
  },
  pending_review: {
    title: '正在转给市级部门',
    hint: '这件事需要市级部门办理，人大常委会审核后转过去（转办）。',
  },
  in_progress: {
    title: '正在办理',
    hint: '代表或负责的单位正在办理，办好后会答复您。',
  },
  answered: {
    title: '待您评价',
    hint: '已经答复您了，请看下面的答复，再告诉代表您是否满意。',
  },
  closed: {
    title: '已办结',
    hint: '这件事已经办完归档。谢谢您的反映。',
  },
  declined: {
    title: '代表已作说明',
    hint: '代表对您反映的事作了解释说明，请看下面的说明。',
  },
  merged: {
    title: '已合并办理',
    hint: '别人也反映了同一件事，两件合在一起办理，办理结果同样会告诉您。',
  },
  withdrawn: {
    title: '您已撤回',
    hint: '这条诉求已撤回，代表不再办理。如有需要，可以重新提交。',
  },
};

/** The status as a tag in the resident's list (我的反映): short, and in the same plain words. */
export const RESIDENT_STATUS_TAG: Record<CaseStatus, string> = {
  submitted: '等待受理',
  accepted: '已接手办理',
  pending_review: '转办审核中',
  in_progress: '正在办理',
  answered: '待您评价',
  closed: '已办结',
  declined: '已作说明',
  merged: '已合并办理',
  withdrawn: '已撤回',
};

/** After 不满意 the case stays answered: the headline says what happens instead of asking again. */
export const RATED_UNSATISFIED: StatusWords = {
  title: '已收到您的评价',
  hint: '代表会根据您的评价继续跟进，可能重新办理，有进展会再告诉您。',
};

/** Each event as the resident reads it; 交办 and the other routes say where the case went. */
export const RESIDENT_EVENT: Record<CaseEventType, string> = {
  submitted: '您提交了诉求',
  accepted: '代表受理：确认接手办理',
  declined: '代表作了解释说明',
  routed_direct: '代表直接办理',
  routed_assign: '交办：交给街道（乡镇）办理',
  routed_transfer: '转办：准备转给市级部门，等待审核',
  routed_escalate: '报办：报给上级人大办理',
  transfer_approved: '转办：已转给市级部门办理',
  transfer_rejected: '转办未获同意，继续由代表办理',
  unit_answered: '负责的单位答复了您',
  unit_returned: '负责的单位退回，重新安排办理',
  replied: '代表答复了您',
  reported_back: '代表向您反馈办理结果',
  supervised: '人大常委会督办：重点跟进',
  rated: '您作了评价',
  redone: '重新办理',
  closed_by_time: '评价期限已过，自动办结',
  merged: '与同一件事合并办理',
  merge_received: '并入了别人反映的同一件事',
  clock_paused: '办理暂停（等待补充情况等）',
  clock_resumed: '继续办理',
  problem_linked: '与别人反映的同类问题关联，一并跟进',
  chased: '您催办了一次，代表已收到提醒',
  supplemented: '您补充了情况',
  withdrawn: '您撤回了诉求',
};

/** 「群众」 is the resident reading: 您. */
export const residentActor = (actorName: string): string =>
  actorName === ACTOR_ROLE_LABELS.resident ? '您' : actorName;

/** Events that carry an answer to the resident: the ones worth showing before anything else. */
const ANSWER_EVENTS: CaseEventType[] = ['replied', 'unit_answered', 'reported_back', 'declined'];

export interface AnswerShown {
  title: string;
  note: string;
  by: string;
  at: number;
}

/** The latest answer with words in it (the timeline is oldest first), or null while there is none. */
export function latestAnswer(timeline: TimelineEntry[]): AnswerShown | null {
  for (let index = timeline.length - 1; index >= 0; index -= 1) {
    const entry = timeline[index];
    if (ANSWER_EVENTS.includes(entry.type) && entry.note) {
      return {
        title: entry.type === 'declined' ? '代表的说明' : '答复',
        note: entry.note,
        by: residentActor(entry.actorName),
        at: entry.at,
      };
    }
  }
  return null;
}

/**
 * When to expect an answer, while the case is open: the date it is due by once a deadline runs
 * (`answerDueDate` of the resident's view), else the rule in working days.
 */
export function expectedAnswer(status: CaseStatus, kind: CaseKind, dueDate?: string | null): string {
  const days = deadlineDays(kind, null);
  if (dueDate && (status === 'accepted' || status === 'pending_review' || status === 'in_progress')) {
    const [, month, day] = dueDate.split('-').map(Number);
    return `预计 ${month}月${day}日 前答复您（受理后 ${days} 个工作日，遇节假日顺延）。`;
  }
  if (status === 'submitted') return `一般在受理后 ${days} 个工作日内答复您，遇节假日顺延。`;
  if (status === 'accepted' || status === 'pending_review' || status === 'in_progress') {
    return `按规定，受理后 ${days} 个工作日内答复您，遇节假日顺延。`;
  }
  return '';
}
