import type { RankingsView } from '../../../miniprogram/core/api-accounts';
import { chinaDate } from '../../../miniprogram/core/china-time';
import {
  columnsOf,
  parseRankingsRequest,
  RATE_COLUMNS,
  RANKING_COLUMN_LABELS,
} from '../../../miniprogram/core/rankings';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requireAccountsReader, requireOffice, type ActionContext } from '../platform';
import { ALL_CASES } from './case-figures';
import { rankings } from './rankings';

/**
 * The rankings actions (排行): the office's over every station (`office.rankings`), station staff's
 * over their stations (`station.rankings`). Who may see what comes from platform/access.ts; the
 * ranking from rankings.ts.
 */

async function answer(
  ctx: ActionContext,
  input: Record<string, unknown>,
  limit: (asked: string | null) => string[] | null | Failure,
): Promise<RankingsView | Failure> {
  const request = parseRankingsRequest(input, chinaDate(ctx.now));
  if (!request.ok) return request;
  const { of, period, sortBy, order, stationId } = request.data;
  const stationIds = limit(stationId);
  if (isFailure(stationIds)) return stationIds;
  const ranked = await rankings(ctx.db, {
    of,
    period,
    scope: { ...ALL_CASES, stationIds },
    sortBy,
    order,
    now: ctx.now,
  });
  if (isFailure(ranked)) return ranked;
  return {
    of,
    from: period.from,
    to: period.to,
    previous: ranked.previous,
    sortBy,
    order,
    columns: columnsOf(of).map((key) => ({
      key,
      label: RANKING_COLUMN_LABELS[key],
      rate: RATE_COLUMNS.includes(key),
    })),
    stationIds,
    asOf: ctx.now,
    rows: ranked.rows,
  };
}

/** `office.rankings`: units, stations or deputies over every station (or the one named). */
export async function officeRankings(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<RankingsView | Failure> {
  const office = await requireOffice(ctx, '查看排行');
  if (isFailure(office)) return office;
  return answer(ctx, input, (asked) => (asked ? [asked] : null));
}

/** `station.rankings`: the same, limited to the caller's stations; the office may name any station. */
export async function stationRankings(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<RankingsView | Failure> {
  const reader = await requireAccountsReader(ctx, '查看排行');
  if (isFailure(reader)) return reader;
  return answer(ctx, input, (asked) => {
    if (reader.office) return asked ? [asked] : null;
    if (asked && !reader.stationIds.includes(asked)) return fail('AUTH.FORBIDDEN', '只能查看本联络站的排行');
    return asked ? [asked] : [...reader.stationIds].sort();
  });
}
