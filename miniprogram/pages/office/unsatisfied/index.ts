import type { Page } from '../../../core/api';
import type { UnsatisfiedItem, UnsatisfiedNext, UnsatisfiedView } from '../../../core/api-accounts';
import { chinaDate } from '../../../core/china-time';
import { newClientRequestId } from '../../../core/ids';
import { ANSWER_OUTCOME_LABELS } from '../../../core/model';
import { LIMITS } from '../../../core/submit';
import { charLength } from '../../../core/text';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { audienceOf, unsatisfied, type Audience } from '../../../services/accounts';
import * as casework from '../../../services/casework';
import { shownError } from '../../../utils/errors';
import { loadMore, noPages, showFirstPage } from '../../../utils/paged-list';
import { confirm, navigate, setTitle, toast } from '../../../utils/ui';

/**
 * 待处理的不满意: the answers residents rated 不满意 that nobody has yet sent back (发回重办) or
 * supervised (督办), the longest waiting first (`office.unsatisfied`; `station.unsatisfied` for
 * staff, `?audience=station`). Each offers what the caller may do next, through `casework.act`:
 * 发回重办 with its reason (重办理由), or 督办 after a confirmation; done, the case leaves the list.
 * A retry of the same action on the same case sends the same clientRequestId.
 */

const PAGE_SIZE = 20;

export interface Row {
  caseId: string;
  caseNo: string;
  /** 建议 · 道路交通 */
  kind: string;
  summary: string;
  /** 代表 王建国 · 东街街道代表之家 · 承办 市住建局 */
  who: string;
  /** 11月20日答复（列入计划），11月21日评为不满意，已等 3 天 */
  when: string;
  comment: string;
  resident: string;
  redo: boolean;
  supervise: boolean;
}

const monthDay = (at: number): string => {
  const date = chinaDate(at);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
};

export function rowOf(item: UnsatisfiedItem): Row {
  const who = [
    item.deputy ? `代表 ${item.deputy.name}` : '',
    item.station?.name ?? '',
    item.unit ? `承办 ${item.unit.name}` : '',
  ].filter(Boolean);
  const answered = item.answeredAt
    ? `${monthDay(item.answeredAt)}答复${item.outcome ? `（${ANSWER_OUTCOME_LABELS[item.outcome]}）` : ''}，`
    : '';
  return {
    caseId: item.caseId,
    caseNo: item.caseNo,
    kind: [item.kindLabel, item.categoryName].filter(Boolean).join(' · '),
    summary: item.summary,
    who: who.join(' · '),
    when: `${answered}${monthDay(item.ratedAt)}评为不满意，${item.waitingDays > 0 ? `已等 ${item.waitingDays} 天` : '今天'}`,
    comment: item.comment,
    resident: item.resident,
    redo: item.next.includes('redo'),
    supervise: item.next.includes('supervise'),
  };
}

/** A page of the list as paged-list.ts reads it: the next page's number is the cursor. */
const asPage = (view: UnsatisfiedView): Page<Row> & { total: number } => ({
  items: view.items.map(rowOf),
  nextCursor: view.page * view.pageSize < view.total ? String(view.page + 1) : null,
  total: view.total,
});

interface RedoForm {
  caseId: string;
  note: string;
  error: string;
}

Component({
  behaviors: [loadable, textSize],
  data: {
    audience: { kind: 'office' } as Audience,
    ...noPages<Row>(),
    total: 0,
    redo: null as RedoForm | null,
    /** The case being acted on. */
    acting: '',
    /** The last attempt: a retry of the same action sends its clientRequestId again. */
    attempt: { key: '', clientRequestId: '' },
    noteMax: LIMITS.replyMax,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const audience = audienceOf(query);
      this.setData({ audience });
      if (audience.kind === 'station') setTitle('本站待处理的不满意');
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const page = asPage(await unsatisfied(this.data.audience, { page: 1, pageSize: PAGE_SIZE }));
      return showFirstPage(this, '', page, ({ total }) => ({ total, redo: null }));
    },

    onReachBottom() {
      void loadMore(this, '', async (cursor) =>
        asPage(await unsatisfied(this.data.audience, { page: Number(cursor), pageSize: PAGE_SIZE })),
      );
    },

    onLoadMore() {
      this.onReachBottom();
    },

    onOpen(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      navigate(`/pages/deputy/case/index?id=${event.currentTarget.dataset.id}`);
    },

    onRedo(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const caseId = event.currentTarget.dataset.id;
      if (this.data.acting) return;
      this.setData({ redo: this.data.redo?.caseId === caseId ? null : { caseId, note: '', error: '' } });
    },

    onRedoNote(event: WechatMiniprogram.TextareaInput) {
      this.setData({ 'redo.note': event.detail.value, 'redo.error': '' });
    },

    onCancelRedo() {
      if (!this.data.acting) this.setData({ redo: null });
    },

    async onSubmitRedo() {
      const form = this.data.redo;
      if (!form || this.data.acting) return;
      const note = form.note.trim();
      if (charLength(note) < LIMITS.replyMin) {
        this.setData({ 'redo.error': `请填写重办理由，至少 ${LIMITS.replyMin} 个字` });
        return;
      }
      await this.act(form.caseId, 'redo', note);
    },

    async onSupervise(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const caseId = event.currentTarget.dataset.id;
      if (this.data.acting) return;
      const sure = await confirm(
        '确认督办？',
        '督办后这件诉求由代表工委跟踪，承办单位、代表和群众都会收到通知。',
        '督办',
        '再想想',
      );
      if (sure) await this.act(caseId, 'supervise');
    },

    /** Acts on one case; done, it leaves the list (it is no longer waiting). */
    async act(caseId: string, action: UnsatisfiedNext, note?: string) {
      const key = JSON.stringify([caseId, action, note ?? '']);
      const clientRequestId =
        this.data.attempt.key === key ? this.data.attempt.clientRequestId : newClientRequestId(Math.random);
      this.setData({ acting: caseId, attempt: { key, clientRequestId } });
      try {
        await casework.act({ caseId, action, clientRequestId, ...(note ? { note } : {}) });
        const items = this.data.items.filter((item) => item.caseId !== caseId);
        this.setData({
          items,
          total: Math.max(0, this.data.total - 1),
          redo: null,
          acting: '',
          attempt: { key: '', clientRequestId: '' },
          ...(items.length === 0 && !this.data.nextCursor ? { status: 'empty' } : {}),
        });
        toast(action === 'redo' ? '已发回重办' : '已督办', 'success');
      } catch (error) {
        const failure = shownError(error);
        this.setData({ acting: '' });
        if (action === 'redo' && this.data.redo) this.setData({ 'redo.error': failure.message });
        else toast(failure.message);
      }
    },
  },
});
