import type { AnswerOutcome, Rating } from './model';
import type { DirectoryKind } from './directory';
import type { LandingView, SubmitInput, SubmitResult } from './api-landing';
import type { VoiceNoteInput } from './voice';
import type {
  EnterCaseInput,
  EnterCaseResult,
  FindDeputiesInput,
  FindDeputiesView,
  ReplyPhrasesView,
} from './api-reach';
import type {
  ActInput,
  CaseDetailView,
  CaseListItem,
  CaseworkListItem,
  CaseworkView,
  DeputyRecordView,
  InboxTab,
  InboxView,
  Page,
  QueueView,
  UnitView,
} from './api-cases';
import type {
  BindCodeView,
  BindRole,
  DirectoryEntry,
  DirectoryListView,
  ImportReport,
  MeView,
  MyCodeView,
  RetireResult,
  SaveDirectoryInput,
} from './api-directory';
import type {
  DayChangeKind,
  DecideSwapInput,
  MyDutiesView,
  ReceptionPlanView,
  RegisterVisitorInput,
  RequestSwapInput,
  RosterProposalView,
  StationDayView,
  StationFiguresView,
  StationOverviewView,
  StationTodayView,
  VisitView,
} from './api-stations';
import type { EraseMyDataResult, MyDataView, RetentionView } from './api-privacy';
import type {
  BimonthlyReportInput,
  BimonthlyReportsView,
  FileJobView,
  LedgerInput,
  PostersInput,
} from './api-files';
import type { FiguresInput, FiguresView } from './api-figures';
import type {
  DeputyRecordDetailView,
  DeputyRecordInput,
  RankingsInput,
  RankingsView,
  UnsatisfiedInput,
  UnsatisfiedView,
} from './api-accounts';
import type {
  ClassCorrectionInput,
  ClassCorrectionsView,
  DraftAppealInput,
  LinkProblemInput,
  LinkProblemResult,
  ProblemClassesInput,
  ProblemClassesView,
  SimilarAppealsView,
  SimilarCasesView,
} from './api-problems';
import type { PublicOpinionReportInput, PublicOpinionReportsView } from './api-reports';
import type {
  DraftSuggestionInput,
  SuggestionAnswerInput,
  SuggestionsInput,
  SuggestionsView,
  SuggestionView,
  UpdateSuggestionInput,
} from './api-suggestions';

/**
 * The contract between the mini-program and the cloud functions: for every function and action,
 * what goes in and what comes out. The client's services and the functions' handlers are both
 * typed from this table, so a change here is a compile error on whichever side did not follow.
 *
 * Times are milliseconds since the epoch (JSON has no dates); phone numbers in lists are masked.
 *
 * The views and inputs live in api-*.ts by subject, so this file stays the table; they are
 * re-exported here, so callers import the whole contract from this one file.
 */

export type {
  CategoryView,
  DeputySummary,
  GeoPoint,
  StationContact,
  LandingView,
  PlaceInput,
  PublicOutcome,
  PublicResults,
  ReceptionDayView,
  StationSummary,
  SubmitInput,
  SubmitResult,
} from './api-landing';
export type {
  ActInput,
  CaseDetailView,
  CaseListItem,
  CaseworkListItem,
  CaseworkView,
  DeadlineView,
  DeputyCaseListItem,
  DeputyRecordView,
  InboxTab,
  InboxView,
  Page,
  PhotoView,
  QueueView,
  VoiceNoteView,
  ResidentSteps,
  TimelineEntry,
  UnitView,
} from './api-cases';
export type { ChaseView, SupplementInput } from './resident-steps';
export type { VoiceNoteInput } from './voice';
export type {
  BindCodeView,
  BindRole,
  DirectoryEntry,
  DirectoryItem,
  DirectoryListView,
  ImportReport,
  MeView,
  MyCodeView,
  RetireResult,
  SaveDirectoryInput,
} from './api-directory';
export type {
  DayChangeKind,
  DecideSwapInput,
  DutyRosterView,
  DutyView,
  MyDutiesView,
  PersonRef,
  ReceptionPlanView,
  RegisterVisitorInput,
  RequestSwapInput,
  RosterProposalView,
  StationDayView,
  StationFiguresView,
  StationOverviewView,
  StationTodayView,
  OnDutyView,
  StationView,
  SwapRequestView,
  TodayVisitorView,
  SwapStatus,
  VisitItemInput,
  VisitView,
} from './api-stations';
export type {
  EraseMyDataResult,
  ErasureRequestView,
  MyCaseData,
  MyDataView,
  RetentionRun,
  RetentionView,
} from './api-privacy';
export type {
  BimonthlyReportInput,
  BimonthlyReportItem,
  BimonthlyReportsView,
  FileJobView,
  LedgerInput,
  LedgerScope,
  PostersInput,
} from './api-files';
export type {
  EnterCaseInput,
  EnterCaseResult,
  FindDeputiesInput,
  FindDeputiesView,
  FoundDeputy,
  FoundStation,
  ReplyPhrasesView,
} from './api-reach';
export type {
  CaseFigures,
  FiguresDimension,
  FiguresGroup,
  FiguresInput,
  FiguresScope,
  FiguresView,
  NamedPeriod,
} from './api-figures';
export type {
  CaseRankingColumn,
  DeputyRecordDetailView,
  DeputyRecordInput,
  RecordCaseList,
  RecordDayList,
  UnsatisfiedInput,
  UnsatisfiedItem,
  UnsatisfiedNext,
  UnsatisfiedView,
  DeputyRankingColumn,
  RankingCell,
  RankingColumn,
  RankingNamedPeriod,
  RankingOf,
  RankingRow,
  RankingsInput,
  RankingsView,
} from './api-accounts';
export type {
  ClassCorrectionInput,
  ClassCorrectionsView,
  ClassCorrectionView,
  DraftAppealInput,
  LinkProblemInput,
  LinkProblemResult,
  ProblemClassesInput,
  ProblemClassesView,
  ProblemClassTrend,
  ProblemClassView,
  SimilarAppealItem,
  SimilarAppealsView,
  SimilarCaseItem,
  SimilarCasesView,
  SimilarReason,
} from './api-problems';
export type {
  PublicOpinionReportInput,
  PublicOpinionReportItem,
  PublicOpinionReportsView,
} from './api-reports';
export type {
  DraftSuggestionInput,
  SuggestionAnswerInput,
  SuggestionAnswerView,
  SuggestionEventType,
  SuggestionFields,
  SuggestionFigures,
  SuggestionListItem,
  SuggestionSigner,
  SuggestionsInput,
  SuggestionStatus,
  SuggestionsView,
  SuggestionView,
  UpdateSuggestionInput,
} from './api-suggestions';

/** Every action of every function: `[input, output]`. */
export interface Api {
  resident: {
    landing: [{ scene?: string; q?: string; type?: string; code?: string }, LandingView];
    submit: [SubmitInput, SubmitResult];
    myCases: [{ cursor?: string | null; limit?: number }, Page<CaseListItem>];
    caseDetail: [{ caseId: string }, CaseDetailView];
    me: [Record<string, never>, MeView];
    /** Binds the caller's WeChat account with a one-time code from the office. */
    bind: [{ code: string }, MeView];
    /** 满意 / 基本满意 / 不满意, with an optional comment, on an answered case. */
    rate: [{ caseId: string; rating: Rating; comment?: string; clientRequestId: string }, CaseDetailView];
    /** 催办: a polite chase once the answer is overdue (limits: core/resident-steps.ts). */
    chase: [{ caseId: string; clientRequestId: string }, CaseDetailView];
    /** 补充: text, photos and/or voice notes added while the case is open. */
    supplement: [
      {
        caseId: string;
        note?: string;
        photos?: string[];
        voiceNotes?: VoiceNoteInput[];
        clientRequestId: string;
      },
      CaseDetailView,
    ];
    /** 撤回: withdraws the case before anyone accepted it, with an optional reason. */
    withdraw: [{ caseId: string; reason?: string; clientRequestId: string }, CaseDetailView];
    /** What the product holds about the caller (个人信息查询). */
    myData: [Record<string, never>, MyDataView];
    /** Deletes the personal data of the caller's finished cases now, and of the others once finished. */
    eraseMyData: [{ clientRequestId: string }, EraseMyDataResult];
    /** 相似诉求, before submitting: appeals like the draft already being handled nearby (masked). */
    similarAppeals: [DraftAppealInput, SimilarAppealsView];
    /** 五公开: gives or withdraws the consent to publish the outcome of one of the caller's cases. */
    setPublishConsent: [{ caseId: string; consent: boolean }, CaseDetailView];
    /** 找代表: deputies and stations by name, station or community, without a code (public facts). */
    findDeputies: [FindDeputiesInput, FindDeputiesView];
  };
  casework: {
    queue: [{ view?: QueueView; cursor?: string | null; limit?: number }, Page<CaseworkListItem>];
    caseDetail: [{ caseId: string }, CaseworkView];
    act: [ActInput, CaseworkView];
    units: [Record<string, never>, UnitView[]];
    /** 相似诉求: the district's open cases most like this one, most alike first. */
    similarCases: [{ caseId?: string; caseNo?: string; limit?: number }, SimilarCasesView];
    /** Links two cases as the same problem; the residents of both are told. */
    linkProblem: [LinkProblemInput, LinkProblemResult];
  };
  deputy: {
    inbox: [{ tab?: InboxTab; cursor?: string | null; limit?: number }, InboxView];
    caseDetail: [{ caseId: string }, CaseDetailView];
    /** `outcome`: what the answer did; the screens require it, older app versions send none. */
    reply: [
      { caseId: string; content: string; clientRequestId: string; outcome?: AnswerOutcome },
      CaseDetailView,
    ];
    myCode: [Record<string, never>, MyCodeView];
    /** The caller's record for a year (default: the current one). */
    record: [{ year?: number }, DeputyRecordView];
    /** 统计: the figures of the cases addressed to the caller, for a period, scope and breakdown. */
    figures: [FiguresInput, FiguresView];
    /** 我的值班: the caller's upcoming duties on published rosters. */
    duties: [Record<string, never>, MyDutiesView];
    /** Confirms a duty (withdrawing the caller's pending swap request for it, if any). */
    confirmDuty: [{ dayId: string }, MyDutiesView];
    /** Asks to hand over or swap a duty, with a reason; staff decide. */
    requestSwap: [RequestSwapInput, MyDutiesView];
    /** 代表建议: the suggestions the caller drafted or is named to sign, newest first. */
    suggestions: [SuggestionsInput, SuggestionsView];
    suggestion: [{ id: string }, SuggestionView];
    /** Drafts a suggestion; the caller is its first signer, the others are asked to sign. */
    draftSuggestion: [DraftSuggestionInput, SuggestionView];
    /** The drafting deputy edits their draft. */
    updateSuggestion: [UpdateSuggestionInput, SuggestionView];
    /** Signs (联名) a suggestion the caller is named on. */
    signSuggestion: [{ id: string; clientRequestId: string }, SuggestionView];
    /** The drafting deputy submits their draft once every signer has signed. */
    submitSuggestion: [{ id: string; clientRequestId: string }, SuggestionView];
    /** 代表录入: what the deputy heard in person or by phone, entered as a case they accept at once. */
    enterCase: [EnterCaseInput, EnterCaseResult];
    /** 常用语: the default phrases and the deputy's own. */
    replyPhrases: [Record<string, never>, ReplyPhrasesView];
    /** Replaces the deputy's own phrases (up to 20). */
    saveReplyPhrases: [{ phrases: string[] }, ReplyPhrasesView];
  };
  /** The congress office (代表工委). */
  office: {
    health: [Record<string, never>, { status: 'ok'; stations: number; databaseMs: number; at: string }];
    /** Office only: a one-time code (expiring, single use) binding a person to a role. */
    createBindCode: [{ role: BindRole; targetId?: string }, BindCodeView];
    /** Office only: a year's official holiday notice, when the calendar package lacks that year. */
    setCalendarYear: [
      { year: number; holidays: string[]; workdays: string[] },
      { year: number; holidays: number; workdays: number },
    ];
    /** Office only: one kind of the directory (名册), retired records last. */
    directory: [{ kind: DirectoryKind }, DirectoryListView];
    /** Office only: one record in full. */
    entry: [{ kind: DirectoryKind; id: string }, DirectoryEntry];
    /** Office only: creates or updates a deputy, staff member, unit or station. */
    save: [SaveDirectoryInput, DirectoryEntry];
    /** Office only: retires (with a reason) or restores a record; nothing is ever deleted. */
    setActive: [{ kind: DirectoryKind; id: string; active: boolean; reason?: string }, RetireResult];
    /** Office only: reads an uploaded .xlsx (sheets 代表 / 工作人员 / 承办单位); stores it unless `dryRun`. */
    importDirectory: [{ fileID: string; dryRun: boolean }, ImportReport];
    /** Office only: the import template (.xlsx, with the sheets, columns and an example row). */
    importTemplate: [Record<string, never>, { fileID: string; url: string }];
    /** Office only: how long finished cases keep their personal data, and the timer's last run. */
    retention: [Record<string, never>, RetentionView];
    /** Office only: sets that period, in days (core/privacy.ts RETENTION_DAYS bounds it). */
    setRetention: [{ closedCaseDays: number }, RetentionView];
    /** 台账: the cases of a period and scope as an .xlsx (a big one is a job: ask again). */
    ledger: [LedgerInput, FileJobView];
    /** 海报: a printable PDF poster for every active deputy and station, or one station's. */
    posters: [PostersInput, FileJobView];
    /** 统计: the figures of the cases received in a period, for any scope and breakdown. */
    figures: [FiguresInput, FiguresView];
    /** 排行: units, stations or deputies side by side, each column with its change. */
    rankings: [RankingsInput, RankingsView];
    /** 履职档案: any deputy's record for a period, with the cases and days behind each number. */
    deputyRecord: [DeputyRecordInput, DeputyRecordDetailView];
    /** 待处理的不满意: answers rated 不满意 not yet sent back or supervised, oldest rating first. */
    unsatisfied: [UnsatisfiedInput, UnsatisfiedView];
    /** 问题类别: the period's appeals grouped into classes of problems by their text. */
    problemClasses: [ProblemClassesInput, ProblemClassesView];
    /** Renames, merges or splits classes (or undoes a correction); kept and applied every time after. */
    correctClasses: [ClassCorrectionInput, ClassCorrectionsView];
    /** The office's corrections to the classes, newest first. */
    classCorrections: [Record<string, never>, ClassCorrectionsView];
    /** 代表建议: every suggestion, newest first. */
    suggestions: [SuggestionsInput, SuggestionsView];
    suggestion: [{ id: string }, SuggestionView];
    /** Drafts a suggestion from a class of problems; the signers are asked to sign. */
    draftSuggestion: [DraftSuggestionInput, SuggestionView];
    updateSuggestion: [UpdateSuggestionInput, SuggestionView];
    /** Submits a draft once every signer has signed. */
    submitSuggestion: [{ id: string; clientRequestId: string }, SuggestionView];
    /** Records the government's answer to a submitted suggestion; the signers are told. */
    recordSuggestionAnswer: [SuggestionAnswerInput, SuggestionView];
    /** 民情专报: the report of a period as a PDF (a big one is a job: ask again). */
    publicOpinionReport: [PublicOpinionReportInput, FileJobView];
    /** The 民情专报 made and being made, newest period first. */
    publicOpinionReports: [Record<string, never>, PublicOpinionReportsView];
    /** 双月反馈: a period's report for the 代表工委, as a PDF or .xlsx (a file job: ask again). */
    bimonthlyReport: [BimonthlyReportInput, FileJobView];
    /** 双月反馈: the reports made so far, the latest period first. */
    bimonthlyReports: [Record<string, never>, BimonthlyReportsView];
  };
  /**
   * @deprecated The office function's name before it was named as its audience: app versions
   * released earlier still call it. It answers exactly what `office` answers.
   */
  admin: Api['office'];
  /**
   * Station staff (role `staff` of the station); the office may read (overview, figures) naming
   * the station. Every action takes an optional `stationId` for callers bound to several stations.
   */
  station: {
    overview: [{ stationId?: string; month?: string }, StationOverviewView];
    /** 今天: the reception day held today (roster, sign-in), or none, and today's visitors. */
    today: [{ stationId?: string }, StationTodayView];
    /**
     * 签到: a deputy or the leader signs in on today's reception day, one person at a time (two at
     * once both count; a retry keeps the first time); answers 今天.
     */
    signIn: [{ stationId?: string; personId: string }, StationTodayView];
    /** Takes back today's sign-in of one person (tapped by mistake); answers 今天. */
    cancelSignIn: [{ stationId?: string; personId: string }, StationTodayView];
    /** Moves, cancels, adds or restores one reception day, with a reason; answers the months touched. */
    changeDay: [
      {
        stationId?: string;
        kind: DayChangeKind;
        date: string;
        toDate?: string;
        reason?: string;
        /** Confirms a date on a weekend or holiday (RECEPTION.NOT_WORKDAY otherwise). */
        force?: boolean;
      },
      ReceptionPlanView,
    ];
    proposeRoster: [{ stationId?: string; from: string; to: string }, RosterProposalView];
    saveRoster: [
      { stationId?: string; date: string; deputyIds: string[]; leaderId?: string | null; publish: boolean },
      StationDayView,
    ];
    registerVisitor: [RegisterVisitorInput, VisitView];
    /** `previousDeputyIds`: those the form showed present; only the difference is written. */
    recordAttendance: [
      { stationId?: string; date: string; presentDeputyIds: string[]; previousDeputyIds?: string[] },
      StationDayView,
    ];
    figures: [{ stationId?: string; from: string; to: string }, StationFiguresView];
    /** Applies (core/roster.ts applySwap) or declines a deputy's swap request. */
    decideSwap: [DecideSwapInput, StationDayView];
    /** 台账: the office's ledger, limited to the caller's stations. */
    ledger: [LedgerInput, FileJobView];
    /** 统计: the office's figures, limited to the caller's stations (one named, or all). */
    caseFigures: [FiguresInput, FiguresView];
    /** 排行: the office's rankings, limited to the caller's stations. */
    rankings: [RankingsInput, RankingsView];
    /** 履职档案: the record of a deputy of the caller's stations (others: NOT_FOUND). */
    deputyRecord: [DeputyRecordInput, DeputyRecordDetailView];
    /** 待处理的不满意: the caller's stations' share. */
    unsatisfied: [UnsatisfiedInput, UnsatisfiedView];
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends [
  infer I,
  unknown,
]
  ? I
  : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends [
  unknown,
  infer O,
]
  ? O
  : never;
