import type {
  ActInput,
  CaseworkListItem,
  CaseworkView,
  MeView,
  Page,
  LinkProblemInput,
  LinkProblemResult,
  QueueView,
  SimilarCasesView,
  UnitView,
} from '../core/api';
import { call } from './api';

/**
 * What the screens of those who handle cases (deputies, station staff, handling units, the office)
 * ask of the cloud: one function per action of the `casework` cloud function, typed by the contract.
 */

export const queue = (view: QueueView, cursor: string | null, limit = 20): Promise<Page<CaseworkListItem>> =>
  call('casework', 'queue', { view, cursor, limit });

export const caseDetail = (caseId: string): Promise<CaseworkView> =>
  call('casework', 'caseDetail', { caseId });

export const act = (input: ActInput): Promise<CaseworkView> => call('casework', 'act', input);

export const units = (): Promise<UnitView[]> => call('casework', 'units', {});

/** 相似诉求: the district's open cases most like this one, most alike first. */
export const similarCases = (caseId: string, limit = 10): Promise<SimilarCasesView> =>
  call('casework', 'similarCases', { caseId, limit });

/** Links the case with another as the same problem (关联同类诉求). */
export const linkProblem = (input: LinkProblemInput): Promise<LinkProblemResult> =>
  call('casework', 'linkProblem', input);

/** Everyone who handles cases; a resident has none of these roles. */
export type HandlerRole = MeView['roles'][number]['role'];

export const HANDLER_ROLES: HandlerRole[] = ['deputy', 'staff', 'unit', 'office'];

/** The roles `resident.me` lists for the caller, once each, in a fixed order. */
export function handlerRolesOf(me: MeView): HandlerRole[] {
  return HANDLER_ROLES.filter((role) => me.roles.some((binding) => binding.role === role));
}
