import type { CaseDoc } from './schema/cases';
import type {
  BindAttemptsDoc,
  BindCodeDoc,
  CalendarYearDoc,
  CategoryDoc,
  DeputyDoc,
  StaffDoc,
  StationDoc,
  UnitDoc,
  UserDoc,
} from './schema/people';
import type { ErasureRequestDoc, SettingsDoc } from './schema/privacy';
import type { ExportDoc } from './schema/exports';
import type { ProblemCorrectionDoc } from './schema/problems';
import type { AttendanceDoc, ReceptionDayDoc, VisitDoc } from './schema/reception';
import type { SuggestionDoc } from './schema/suggestions';

/**
 * The product's database collections and their indexes: the one declaration that both the local
 * stack and `scripts/setup-cloud.ts` (CloudBase) create from, so the two databases cannot drift.
 *
 * Every index names the query it serves. An index that no query needs costs a write on every
 * insert, so add one together with the query, and remove it with the query.
 *
 * CloudBase's index API offers no sparse or partial indexes, and (as in MongoDB) a document that
 * lacks an indexed field is indexed as `null`, so two documents lacking a unique field collide.
 * Every unique field below is therefore written on every document of its collection.
 */

/** 1 ascending, -1 descending, as in MongoDB and the CloudBase console. */
export type IndexDirection = 1 | -1;

export interface IndexSpec {
  /** Stable name: setup compares existing indexes by name, and the console shows it. */
  name: string;
  /** Fields in order; the order matters for compound indexes (equality fields first, then sort). */
  keys: Array<[field: string, direction: IndexDirection]>;
  unique?: boolean;
}

export interface CollectionSpec {
  /** Plural, lowercase, snake_case: stored names never change once data exists. */
  name: CollectionName;
  indexes: IndexSpec[];
}

/**
 * Every collection and the type of its documents: the one map every read and write goes through
 * (platform/db.ts `collection()`), so a collection name is checked and its documents are typed.
 * Instants are stored as epoch milliseconds, calendar dates as China-local `YYYY-MM-DD` strings.
 */
export interface Documents {
  deputies: DeputyDoc;
  stations: StationDoc;
  staff: StaffDoc;
  departments: UnitDoc;
  categories: CategoryDoc;
  users: UserDoc;
  bind_codes: BindCodeDoc;
  bind_attempts: BindAttemptsDoc;
  calendar_years: CalendarYearDoc;
  cases: CaseDoc;
  reception_days: ReceptionDayDoc;
  reception_attendance: AttendanceDoc;
  visitors: VisitDoc;
  settings: SettingsDoc;
  privacy_requests: ErasureRequestDoc;
  exports: ExportDoc;
  problem_corrections: ProblemCorrectionDoc;
  suggestions: SuggestionDoc;
}

export type CollectionName = keyof Documents;

/** The indexes of every collection; a collection missing here does not compile. */
const INDEXES: { [N in CollectionName]: IndexSpec[] } = {
  deputies: [
    // The deputy page opened from a scanned 代表码 looks the deputy up by the code in the QR scene.
    { name: 'code_unique', keys: [['code', 1]], unique: true },
    // A station's roster: the deputies attached to one station.
    { name: 'stationId', keys: [['stationId', 1]] },
  ],
  stations: [
    // The station page opened from a scanned station code looks the station up by its code.
    { name: 'code_unique', keys: [['code', 1]], unique: true },
  ],
  // Station staff, created by the office (directory/); a district has tens to hundreds.
  staff: [
    // The directory refuses a second staff member with the same phone, and the import matches
    // rows to people by phone.
    { name: 'phone', keys: [['phone', 1]] },
  ],
  cases: [
    // Looking a case up by its 受理编号 (what residents quote on the phone and in ledgers).
    { name: 'caseNo_unique', keys: [['caseNo', 1]], unique: true },
    // Idempotent submission: a retried submit from the same resident with the same request id
    // hits this index and returns the existing case instead of creating a second one.
    {
      name: 'openid_clientRequestId_unique',
      keys: [
        ['openid', 1],
        ['clientRequestId', 1],
      ],
      unique: true,
    },
    // Deputy inbox: one deputy's cases in a status, newest first.
    {
      name: 'deputyId_status_createdAt',
      keys: [
        ['deputyId', 1],
        ['status', 1],
        ['createdAt', -1],
      ],
    },
    // "My appeals": one resident's cases, newest first.
    {
      name: 'openid_createdAt',
      keys: [
        ['openid', 1],
        ['createdAt', -1],
      ],
    },
    // Station workbench and station ledger: one station's cases in a status, newest first.
    {
      name: 'stationId_status_createdAt',
      keys: [
        ['stationId', 1],
        ['status', 1],
        ['createdAt', -1],
      ],
    },
    // A handling unit's queue: the cases routed to it, newest first.
    {
      name: 'unitId_status_createdAt',
      keys: [
        ['unitId', 1],
        ['status', 1],
        ['createdAt', -1],
      ],
    },
    // Notification outbox sweep: cases whose queued notifications are due, earliest first. The
    // outbox lives inside the case (schema/cases.ts), so a transition and its notifications
    // are one write.
    { name: 'outboxDueAt', keys: [['outboxDueAt', 1]] },
    // WeChat's media-check result names a trace id; find the photo it is about.
    { name: 'photos_traceId', keys: [['photos.traceId', 1]] },
    // 五公开 on a deputy's or station's page (landing/): the closed cases whose residents agreed to
    // publish them, newest first; few of any station's cases, so the station or deputy is filtered
    // among them.
    {
      name: 'publishConsent_status_updatedAt',
      keys: [
        ['publishConsent', 1],
        ['status', 1],
        ['updatedAt', -1],
      ],
    },
    // … or the voice note it is about.
    { name: 'voiceNotes_traceId', keys: [['voiceNotes.traceId', 1]] },
    // Closing by time: answers left unrated, oldest answer first.
    {
      name: 'status_answeredAt',
      keys: [
        ['status', 1],
        ['answeredAt', 1],
      ],
    },
    // Deadline sweep: open cases in a status whose deadline has passed, earliest first.
    {
      name: 'status_dueAt',
      keys: [
        ['status', 1],
        ['dueAt', 1],
      ],
    },
    // Retention (timers `retention`): finished cases still holding personal data (`redaction.at`
    // null, which also matches a case without the field), least recently changed first.
    {
      name: 'redaction_status_updatedAt',
      keys: [
        ['redaction.at', 1],
        ['status', 1],
        ['updatedAt', 1],
      ],
    },
    // Retention: cases whose resident asked for deletion while they were open, once finished.
    {
      name: 'erasureRequestedAt_status',
      keys: [
        ['erasureRequestedAt', 1],
        ['status', 1],
      ],
    },
    // The ledger (台账) of a period: the cases created in a window of time, read window by window.
    // Also the office's figures (统计) over every station: the aggregation's leading $match.
    { name: 'createdAt', keys: [['createdAt', 1]] },
    // The figures (统计) and the ledger of one station's period: the aggregation's leading $match
    // on the station and the creation time, so a station's quarter reads that quarter's cases only.
    {
      name: 'stationId_createdAt',
      keys: [
        ['stationId', 1],
        ['createdAt', 1],
      ],
    },
    // The deputy ranking (figures/deputy-ranking.ts): the cases changed in a window of time, every
    // transition setting `updatedAt`, so the cases untouched since a period began are never read.
    { name: 'updatedAt', keys: [['updatedAt', 1]] },
    // A deputy's figures (deputy.figures, and the office's for one deputy) over a period.
    {
      name: 'deputyId_createdAt',
      keys: [
        ['deputyId', 1],
        ['createdAt', 1],
      ],
    },
  ],
  users: [
    // Keyed by OpenID (_id), so the caller's roles are a get by id; the field is also kept, unique,
    // for exports and the console.
    { name: 'openid_unique', keys: [['openid', 1]], unique: true },
  ],
  // One-time codes binding a WeChat account to a role (directory/binding.ts), stored only as a hash.
  bind_codes: [
    // Redeeming: the code a person typed, hashed, finds its document (and two codes can never
    // share a hash). The single-use claim then updates that document by _id.
    { name: 'codeHash_unique', keys: [['codeHash', 1]], unique: true },
  ],
  // Failed code redemptions of the last hour, one small document per WeChat account keyed by
  // OpenID (_id), read and compare-and-set by id: no index needed.
  bind_attempts: [],
  // The office's holiday notices for years the calendar package lacks (calendar/), keyed by year
  // (_id): a handful of documents, read whole.
  calendar_years: [],
  // A small reference list, read whole.
  categories: [],
  // A small reference list, read whole.
  departments: [],
  // One document per station and reception day, keyed `<stationId>_<origin date>` (reception/):
  // the duty roster, the attendance and the duty reminders' outbox. The station screens and the
  // landing page read the days of a plan by _id.
  reception_days: [
    // A station's reception-day calendar over a date range: the rotation's history of published
    // rosters (station.proposeRoster).
    {
      name: 'stationId_date',
      keys: [
        ['stationId', 1],
        ['date', 1],
      ],
    },
    // The duty reminder (timers `reception`): the published rosters of tomorrow's reception days.
    {
      name: 'date_published',
      keys: [
        ['date', 1],
        ['published', 1],
      ],
    },
    // The outbox sweep (timers `outbox`): reception days whose duty reminders are due for a retry,
    // earliest first, as for cases.
    { name: 'outboxDueAt', keys: [['outboxDueAt', 1]] },
  ],
  // The visitor log (station.registerVisitor), keyed by a hash of the station and the request id,
  // so that a retried registration finds its visit by _id and creates nothing twice.
  visitors: [
    // The visitor log of one reception day.
    { name: 'receptionDayId', keys: [['receptionDayId', 1]] },
    // A station's visits over a period: the month at a glance and the figures (station-figures.ts).
    {
      name: 'stationId_date',
      keys: [
        ['stationId', 1],
        ['date', 1],
      ],
    },
    // Retention (timers `retention`): visits whose visitor's name and phone are still held, oldest first.
    {
      name: 'redactedAt_date',
      keys: [
        ['redactedAt', 1],
        ['date', 1],
      ],
    },
  ],
  // Files the office asked for (files/), keyed by what they hold.
  exports: [
    // The office function's timer: jobs waiting to run, oldest first.
    {
      name: 'status_requestedAt',
      keys: [
        ['status', 1],
        ['requestedAt', 1],
      ],
    },
    // office.publicOpinionReports: the reports made, newest first.
    {
      name: 'kind_requestedAt',
      keys: [
        ['kind', 1],
        ['requestedAt', -1],
      ],
    },
    // The outbox sweep: the office's message that a scheduled report is ready (reports/).
    { name: 'outboxDueAt', keys: [['outboxDueAt', 1]] },
    // After the office function's `exports` timer: scheduled reports the office has not been told of.
    {
      name: 'scheduled_announcedAt',
      keys: [
        ['scheduled', 1],
        ['announcedAt', 1],
      ],
    },
    // office.bimonthlyReports: the reports made, by kind.
    {
      name: 'kind_status',
      keys: [
        ['kind', 1],
        ['status', 1],
      ],
    },
  ],
  // Roster and attendance per station and reception day, as the deputy record reads them
  // (core/deputy-record.ts AttendanceDay), kept in step with `reception_days` by the station
  // function (reception/days.ts syncAttendance), same _id.
  reception_attendance: [
    // deputy.record: the days a deputy was on the roster in a period (`deputies` is an array).
    {
      name: 'deputies_date',
      keys: [
        ['deputies', 1],
        ['date', 1],
      ],
    },
  ],
  // The office's corrections to the classes of problems (problems/): a short list, read whole.
  problem_corrections: [],
  // Deputy suggestions (代表建议, suggestions/): a few hundred a year.
  suggestions: [
    // The office's list, newest first, and the figures' "drafted in the period".
    { name: 'createdAt', keys: [['createdAt', -1]] },
    // The figures: submitted in a period.
    { name: 'submittedAt', keys: [['submittedAt', 1]] },
    // The figures: answered in a period.
    { name: 'answeredAt', keys: [['answeredAt', 1]] },
    // A deputy's list and record: the suggestions they sign (`signerIds` is an array).
    {
      name: 'signerIds_createdAt',
      keys: [
        ['signerIds', 1],
        ['createdAt', -1],
      ],
    },
    // The outbox sweep (timers `outbox`): suggestions whose messages to signers are due, as for cases.
    { name: 'outboxDueAt', keys: [['outboxDueAt', 1]] },
  ],
  // The office's settings, one document per setting keyed by its name (privacy/): read by id.
  settings: [],
  // Residents' deletion requests (privacy/): `resident.myData` lists the caller's, newest first.
  privacy_requests: [
    {
      name: 'openid_at',
      keys: [
        ['openid', 1],
        ['at', -1],
      ],
    },
  ],
};

export const collections: CollectionSpec[] = (Object.keys(INDEXES) as CollectionName[]).map((name) => ({
  name,
  indexes: INDEXES[name],
}));
