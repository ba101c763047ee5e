import type { FiguresScope, FiguresView } from '../../../miniprogram/core/api';
import { chinaDate } from '../../../miniprogram/core/china-time';
import { parseFiguresRequest, type FiguresRequest } from '../../../miniprogram/core/figures';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requireAccountsReader, requireDeputy, requireOffice, type ActionContext } from '../platform';
import { suggestionFigures } from '../suggestions';
import { caseFigures, type CaseScope } from './case-figures';

/**
 * The figures actions: the office's for any scope (`office.figures`), station staff's for their
 * stations (`station.caseFigures`), a deputy's for themself (`deputy.figures`). Who may see what
 * comes from platform/access.ts, never from the request; the figures from case-figures.ts.
 */

function applied(scope: CaseScope): FiguresView['scope'] {
  const shown: FiguresView['scope'] = {};
  if (scope.stationIds) {
    if (scope.stationIds.length === 1) shown.stationId = scope.stationIds[0];
    else shown.stationIds = scope.stationIds;
  }
  for (const name of ['deputyId', 'unitId', 'category', 'channel', 'kind'] as const) {
    const value = scope[name];
    if (value) (shown as Record<keyof FiguresScope, string>)[name] = value;
  }
  return shown;
}

async function answer(ctx: ActionContext, request: FiguresRequest, scope: CaseScope): Promise<FiguresView> {
  const { total, groups } = await caseFigures(ctx.db, {
    period: request.period,
    scope,
    groupBy: request.groupBy,
    now: ctx.now,
  });
  return {
    from: request.period.from,
    to: request.period.to,
    scope: applied(scope),
    groupBy: request.groupBy,
    asOf: ctx.now,
    total,
    groups,
  };
}

function scopeOf(request: FiguresRequest): CaseScope {
  const { stationId, ...rest } = request.scope;
  return { stationIds: stationId ? [stationId] : null, ...rest };
}

/** The period's suggestions, when the scope is one they are counted by (all, or one deputy). */
async function withSuggestions(
  ctx: ActionContext,
  view: FiguresView,
  scope: CaseScope,
): Promise<FiguresView> {
  const narrowed = scope.stationIds || scope.unitId || scope.category || scope.channel || scope.kind;
  const suggestions = narrowed
    ? null
    : await suggestionFigures(ctx.db, { from: view.from, to: view.to }, scope.deputyId);
  return { ...view, suggestions };
}

/** `office.figures`: the office's figures, for any period, scope and breakdown. */
export async function officeFigures(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FiguresView | Failure> {
  const office = await requireOffice(ctx, '查看全部统计');
  if (isFailure(office)) return office;
  const request = parseFiguresRequest(input, chinaDate(ctx.now));
  if (!request.ok) return request;
  const scope = scopeOf(request.data);
  return withSuggestions(ctx, await answer(ctx, request.data, scope), scope);
}

/**
 * `station.caseFigures`: station staff's figures, limited to their stations (one named, or all of
 * them); the office may read any station's.
 */
export async function stationFigures(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FiguresView | Failure> {
  const reader = await requireAccountsReader(ctx, '查看联络站统计');
  if (isFailure(reader)) return reader;
  const request = parseFiguresRequest(input, chinaDate(ctx.now));
  if (!request.ok) return request;
  const scope = scopeOf(request.data);
  if (!reader.office) {
    const asked = request.data.scope.stationId;
    if (asked && !reader.stationIds.includes(asked)) return fail('AUTH.FORBIDDEN', '只能查看本联络站的统计');
    scope.stationIds = asked ? [asked] : [...reader.stationIds].sort();
  }
  return answer(ctx, request.data, scope);
}

/** `deputy.figures`: the calling deputy's own figures (the cases addressed to them). */
export async function deputyFigures(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<FiguresView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const request = parseFiguresRequest(input, chinaDate(ctx.now));
  if (!request.ok) return request;
  const own = found.deputy._id;
  if (request.data.scope.deputyId && request.data.scope.deputyId !== own)
    return fail('AUTH.FORBIDDEN', '只能查看自己的统计');
  const scope = { ...scopeOf(request.data), deputyId: own };
  return withSuggestions(ctx, await answer(ctx, request.data, scope), scope);
}
