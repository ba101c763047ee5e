import type { CategoryView, LandingView } from '../core/api';
import type { Target } from '../core/codes';

/**
 * What the landing page learned about the deputy or station scanned, kept on the phone for the
 * submit page: so that the form needs no second cloud call, and so that a draft restored after the
 * app was closed still has its categories. Not a cache of anything private: the viewer's own OpenID
 * (the folder their photos are uploaded to), the target's public name and its categories.
 */
export interface Visit {
  target: Target;
  targetName: string;
  categories: CategoryView[];
  openid: string;
}

const visitKey = (target: Target): string => `visit:${target.type}:${target.code}`;

export function targetOf(view: LandingView): Target {
  return view.target === 'deputy'
    ? { type: 'deputy', code: view.deputy.code }
    : { type: 'station', code: view.station.code };
}

export function visitOf(view: LandingView): Visit {
  return {
    target: targetOf(view),
    targetName: view.target === 'deputy' ? view.deputy.name : view.station.name,
    categories: view.categories,
    openid: view.viewer.openid,
  };
}

/** Storage can fail (quota, a full disk); losing this only costs a cloud call later. */
function write(key: string, value: unknown): void {
  try {
    wx.setStorageSync(key, value);
  } catch (error) {
    console.warn(`cannot store ${key}`, error);
  }
}

function read(key: string): unknown {
  try {
    return wx.getStorageSync(key);
  } catch {
    return undefined;
  }
}

export function rememberVisit(view: LandingView): Visit {
  const visit = visitOf(view);
  write(visitKey(visit.target), visit);
  return visit;
}

export function recallVisit(target: Target): Visit | null {
  const stored = read(visitKey(target)) as Partial<Visit> | undefined;
  if (
    !stored ||
    typeof stored !== 'object' ||
    typeof stored.openid !== 'string' ||
    !stored.openid ||
    !Array.isArray(stored.categories) ||
    typeof stored.targetName !== 'string'
  ) {
    return null;
  }
  return { target, targetName: stored.targetName, categories: stored.categories, openid: stored.openid };
}
