import type { PublicOutcome, PublicResults } from '../../../miniprogram/core/api';
import { chinaDate, chinaYear, yearPeriod } from '../../../miniprogram/core/china-time';
import { ANSWER_OUTCOME_LABELS } from '../../../miniprogram/core/model';
import { ALL_CASES, caseFigures, type CaseScope } from '../figures';
import { collection, type CaseDoc, type Db } from '../platform';
import { publicText } from '../privacy';

/**
 * 五公开 on a deputy's or station's page (decision 0023): this year's figures of the cases
 * addressed to them (the office's aggregation, figures/), and a few outcomes of closed cases whose
 * residents agreed to publish them, masked (privacy/ publicText). A case is published only while
 * its resident's consent stands, and never once its personal data was erased or asked to be.
 */

/** Outcomes shown: a few, newest first. */
export const PUBLIC_OUTCOMES = 5;
const SUMMARY_CHARS = 40;
const ANSWER_CHARS = 60;

export type PublicSubject = { stationId: string } | { deputyId: string };

type OutcomeFields = Pick<
  CaseDoc,
  | '_id'
  | 'categoryName'
  | 'description'
  | 'contactName'
  | 'outcome'
  | 'events'
  | 'updatedAt'
  | 'redaction'
  | 'erasureRequestedAt'
  | 'publishConsent'
>;

function outcomeOf(doc: OutcomeFields): PublicOutcome | null {
  // Defence in depth: the query asks for these already.
  if (doc.publishConsent !== true || doc.redaction || doc.erasureRequestedAt) return null;
  const events = doc.events ?? [];
  const answer = [...events]
    .reverse()
    .find((e) => (e.type === 'replied' || e.type === 'unit_answered') && e.note);
  const closed = [...events].reverse().find((e) => e.to === 'closed');
  if (!answer?.note) return null;
  const month = chinaDate(closed?.at ?? doc.updatedAt).slice(0, 7);
  const names = [doc.contactName];
  return {
    categoryName: doc.categoryName,
    month,
    monthLabel: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`,
    summary: publicText(doc.description, { max: SUMMARY_CHARS, names }),
    outcome: doc.outcome ?? null,
    outcomeLabel: doc.outcome ? ANSWER_OUTCOME_LABELS[doc.outcome] : '已答复',
    answer: publicText(answer.note, { max: ANSWER_CHARS, names }),
  };
}

/** The public results of a station or a deputy, as of `now`. */
export async function publicResults(db: Db, subject: PublicSubject, now: number): Promise<PublicResults> {
  const _ = db.command;
  const year = chinaYear(now);
  const scope: CaseScope =
    'stationId' in subject
      ? { ...ALL_CASES, stationIds: [subject.stationId] }
      : { ...ALL_CASES, deputyId: subject.deputyId };
  const [{ total }, { data }] = await Promise.all([
    caseFigures(db, { period: yearPeriod(year), scope, groupBy: null, now }),
    collection(db, 'cases')
      .where({
        publishConsent: true,
        status: 'closed',
        ...subject,
        redaction: _.eq(null),
        erasureRequestedAt: _.eq(null),
      })
      .orderBy('updatedAt', 'desc')
      .limit(PUBLIC_OUTCOMES)
      .field<OutcomeFields>({
        _id: true,
        categoryName: true,
        description: true,
        contactName: true,
        outcome: true,
        events: true,
        updatedAt: true,
        redaction: true,
        erasureRequestedAt: true,
        publishConsent: true,
      })
      .get(),
  ]);
  return {
    year,
    received: total.accepted,
    replied: total.replied,
    rated: total.rated,
    satisfactionRate: total.satisfactionRate,
    outcomes: data.flatMap((doc) => {
      const outcome = outcomeOf(doc);
      return outcome ? [outcome] : [];
    }),
  };
}
