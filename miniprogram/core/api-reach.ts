import type { EntrySource } from './deputy-entry';
import type { CaseKind } from './model';
import type { DeputySummary, GeoPoint, PlaceInput, StationSummary, SubmitResult } from './api-landing';

/**
 * Part of the contract between the mini-program and the functions; import it from api.ts, its
 * public face. Reaching people: what a deputy enters from what they heard (代表录入), their
 * quick-reply phrases (常用语), and finding a deputy or station without a code (找代表).
 */

/** `deputy.enterCase`: what the deputy heard in person (当面) or by phone (电话). */
export interface EnterCaseInput {
  source: EntrySource;
  kind: CaseKind;
  category: string;
  description: string;
  location?: PlaceInput | null;
  photos?: string[];
  /** The resident's name and phone, when they left them. */
  contactName?: string | null;
  phone?: string | null;
  clientRequestId: string;
}

/** The case as entered: already accepted by the deputy (`status: 'accepted'`). */
export type EnterCaseResult = SubmitResult;

/** `deputy.replyPhrases` / `deputy.saveReplyPhrases`: 常用语 for the answer box. */
export interface ReplyPhrasesView {
  /** The phrases every deputy has; they cannot be changed. */
  defaults: string[];
  /** The deputy's own, in their order. */
  own: string[];
}

/** `resident.findDeputies`: a search by name, station or community, or one station's deputies. */
export interface FindDeputiesInput {
  q?: string;
  stationId?: string;
  cursor?: string | null;
  limit?: number;
}

/** A station as the search lists it: public directory facts only. */
export interface FoundStation extends StationSummary {
  openingHours: string;
  phone: string | null;
  location: GeoPoint | null;
}

/** A deputy as the search lists it: public directory facts only (never their phone). */
export interface FoundDeputy extends DeputySummary {
  stationName: string | null;
}

export interface FindDeputiesView {
  /** Stations matching the words (the first page only), or the station asked for. */
  stations: FoundStation[];
  deputies: FoundDeputy[];
  nextCursor: string | null;
}
