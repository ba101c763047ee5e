import type {
  EnterCaseInput,
  EnterCaseResult,
  ReplyPhrasesView,
  FiguresInput,
  FiguresView,
  DeputyRecordView,
  InboxTab,
  InboxView,
  MyCodeView,
  MyDutiesView,
  RequestSwapInput,
} from '../core/api';
import { call } from './api';

/** What deputy pages ask of the cloud: one function per action of the `deputy` cloud function. */

export const inbox = (tab: InboxTab, cursor: string | null, limit = 20): Promise<InboxView> =>
  call('deputy', 'inbox', { tab, cursor, limit });

export const myCode = (): Promise<MyCodeView> => call('deputy', 'myCode', {});

/** The caller's record (履职档案) for a China-local calendar year; without one, the current year. */
export const record = (year?: number): Promise<DeputyRecordView> =>
  call('deputy', 'record', year === undefined ? {} : { year });

/** 我的值班: the caller's upcoming duties, colleagues and the station's days. */
export const duties = (): Promise<MyDutiesView> => call('deputy', 'duties', {});

export const confirmDuty = (dayId: string): Promise<MyDutiesView> => call('deputy', 'confirmDuty', { dayId });

export const requestSwap = (input: RequestSwapInput): Promise<MyDutiesView> =>
  call('deputy', 'requestSwap', input);

/** 统计: the figures of the caller's own cases. */
export const figures = (input: FiguresInput): Promise<FiguresView> => call('deputy', 'figures', input);

/** 代表录入: what the deputy heard, entered as a case they accept at once; safe to retry. */
export const enterCase = (input: EnterCaseInput): Promise<EnterCaseResult> =>
  call('deputy', 'enterCase', input);

/** 常用语: the default phrases and the deputy's own. */
export const replyPhrases = (): Promise<ReplyPhrasesView> => call('deputy', 'replyPhrases', {});

/** Replaces the deputy's own phrases. */
export const saveReplyPhrases = (phrases: string[]): Promise<ReplyPhrasesView> =>
  call('deputy', 'saveReplyPhrases', { phrases });
