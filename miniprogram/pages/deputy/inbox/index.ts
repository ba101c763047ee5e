import type { DeputyCaseListItem, InboxTab, InboxView } from '../../../core/api';
import * as deputy from '../../../services/deputy';
import { emptyList, loadMore, reloadList } from '../../../utils/paged-list';
import { navigate, stopPullDown } from '../../../utils/ui';
import { textSize } from '../../../behaviors/text-size';

/**
 * A deputy's inbox: 新收到, 办理中, 已逾期, 待评价, 已办结 and 全部 (core/api.ts InboxTab), each tab
 * its own list loaded on first view, with the counts of every tab and the unread total from the
 * latest answer.
 */

const TABS: Array<{ key: InboxTab; label: string; empty: string }> = [
  { key: 'new', label: '新收到', empty: '没有待受理的诉求' },
  { key: 'in_progress', label: '办理中', empty: '没有正在办理的诉求' },
  { key: 'overdue', label: '已逾期', empty: '没有逾期的诉求' },
  { key: 'awaiting_rating', label: '待评价', empty: '没有等待群众评价的诉求' },
  { key: 'done', label: '已办结', empty: '还没有办结的诉求' },
  { key: 'all', label: '全部', empty: '还没有收到诉求' },
];

/** Every answer carries the counts of every tab and the unread total. */
const countsOf = (page: InboxView) => ({ counts: page.counts, unread: page.unread });

const byTab = <T>(make: () => T): Record<InboxTab, T> =>
  Object.fromEntries(TABS.map(({ key }) => [key, make()])) as Record<InboxTab, T>;

Component({
  behaviors: [textSize],
  data: {
    tabs: TABS,
    tab: 'new' as InboxTab,
    counts: byTab(() => 0),
    unread: 0,
    lists: byTab(() => emptyList<DeputyCaseListItem>()),
  },
  methods: {
    onLoad() {
      void this.reload(this.data.tab);
    },

    async reload(tab: InboxTab) {
      await reloadList(this, `lists.${tab}`, () => deputy.inbox(tab, null), countsOf);
    },

    async loadMore() {
      const tab = this.data.tab;
      await loadMore(this, `lists.${tab}`, (cursor) => deputy.inbox(tab, cursor), countsOf);
    },

    onTab(event: WechatMiniprogram.BaseEvent<object, { tab: InboxTab }>) {
      const tab = event.currentTarget.dataset.tab;
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (this.data.lists[tab].status === 'idle') void this.reload(tab);
    },

    onRetry() {
      void this.reload(this.data.tab);
    },

    async onPullDownRefresh() {
      await this.reload(this.data.tab);
      stopPullDown();
    },

    onReachBottom() {
      void this.loadMore();
    },

    onOpen(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const id = event.detail.id;
      const tab = this.data.tab;
      const index = this.data.lists[tab].items.findIndex((item) => item.id === id);
      if (index >= 0 && this.data.lists[tab].items[index].unread) {
        this.setData({
          [`lists.${tab}.items[${index}].unread`]: false,
          unread: Math.max(0, this.data.unread - 1),
        });
      }
      navigate(`/pages/deputy/case/index?id=${id}`);
    },

    /** 代表录入: what the deputy heard in person or by phone. */
    onEnter() {
      navigate('/pages/deputy/enter/index');
    },

    onMyCode() {
      navigate('/pages/deputy/my-code/index');
    },

    onDuties() {
      navigate('/pages/deputy/duties/index');
    },

    onRecord() {
      navigate('/pages/deputy/record/index');
    },
  },
});
