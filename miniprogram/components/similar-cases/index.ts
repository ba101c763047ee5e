import type { SimilarCaseItem, SimilarReason } from '../../core/api';
import { chinaDate } from '../../core/china-time';
import { newClientRequestId } from '../../core/ids';
import * as casework from '../../services/casework';
import { shownError } from '../../utils/errors';
import { confirm, toast } from '../../utils/ui';

/**
 * 相似诉求 on a handler's case page: the district's open cases most like this one, each with why
 * (同一问题 / 同一地点 / 附近), another deputy's case as a masked summary, and the two things to do
 * with one: 关联为同类 (both residents are told) and 合并 into an earlier one the caller handles.
 * Hidden for a handling unit (the function refuses it) and when nothing is alike.
 *
 * `<similar-cases case-id="{{caseId}}" bind:changed="onSimilarChanged" />`; `changed` fires after a
 * link or a merge, so the page reloads the case.
 */

const REASON_LABELS: Record<SimilarReason, string> = {
  same_problem: '同一问题',
  same_place: '同一地点',
  nearby: '附近',
};

interface Row extends SimilarCaseItem {
  why: string;
  date: string;
  canLink: boolean;
  canMerge: boolean;
}

function rowOf(item: SimilarCaseItem): Row {
  const reasons = item.reasons.map((r) =>
    r === 'nearby' && item.metres !== null ? `附近 ${item.metres} 米` : REASON_LABELS[r],
  );
  return {
    ...item,
    why: reasons.join(' · '),
    date: chinaDate(item.createdAt),
    canLink: item.actions.includes('link'),
    canMerge: item.actions.includes('merge'),
  };
}

Component({
  options: { addGlobalClass: true },
  properties: {
    caseId: { type: String, value: '' },
  },
  data: {
    status: 'idle' as 'idle' | 'loading' | 'ready' | 'hidden' | 'error',
    problem: '',
    items: [] as Row[],
    error: '',
    busy: false,
    /** One request id per case acted on, sent again when the same tap is retried. */
    attempts: {} as Record<string, string>,
  },
  observers: {
    caseId(id: string) {
      if (id) void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ status: 'loading', error: '' });
      try {
        const view = await casework.similarCases(this.data.caseId);
        this.setData({ status: 'ready', problem: view.problem ?? '', items: view.items.map(rowOf) });
      } catch (error) {
        const shown = shownError(error);
        if (shown.code === 'AUTH.FORBIDDEN' || shown.code === 'NOT_FOUND') this.setData({ status: 'hidden' });
        else this.setData({ status: 'error', error: shown.message });
      }
    },

    attemptFor(key: string): string {
      const known = this.data.attempts[key];
      if (known) return known;
      const made = newClientRequestId(Math.random);
      this.setData({ attempts: { ...this.data.attempts, [key]: made } });
      return made;
    },

    async onLink(event: WechatMiniprogram.TouchEvent) {
      const caseNo = String(event.currentTarget.dataset.caseNo ?? '');
      if (!caseNo || this.data.busy) return;
      const sure = await confirm(
        '关联为同类诉求',
        `与 ${caseNo} 作为同一问题一并推动解决，两位群众都会收到通知。`,
        '关联',
      );
      if (!sure) return;
      await this.run(`link:${caseNo}`, (clientRequestId) =>
        casework.linkProblem({ caseId: this.data.caseId, otherCaseNo: caseNo, clientRequestId }),
      );
      toast('已关联为同类诉求', 'success');
    },

    async onMerge(event: WechatMiniprogram.TouchEvent) {
      const caseNo = String(event.currentTarget.dataset.caseNo ?? '');
      if (!caseNo || this.data.busy) return;
      const sure = await confirm('合并重复诉求', `本件将并入较早的 ${caseNo} 办理，群众会收到通知。`, '合并');
      if (!sure) return;
      await this.run(`merge:${caseNo}`, (clientRequestId) =>
        casework.act({ caseId: this.data.caseId, action: 'merge', intoCaseId: caseNo, clientRequestId }),
      );
      toast('已合并', 'success');
    },

    async run(key: string, send: (clientRequestId: string) => Promise<unknown>) {
      this.setData({ busy: true });
      try {
        await send(this.attemptFor(key));
        const { [key]: _done, ...rest } = this.data.attempts;
        this.setData({ attempts: rest });
        this.triggerEvent('changed', {});
        await this.load();
      } catch (error) {
        toast(shownError(error).message);
        throw error;
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
