import type { DeputyCaseListItem, InboxTab } from '../../../core/api';
import * as deputy from '../../../services/deputy';
import { canRetry, shownError } from '../../../utils/errors';

/**
 * A deputy's inbox: 新收到, 办理中, 已逾期, 待评价, 已办结 and 全部 (core/api.ts InboxTab), each tab
 * its own list loaded on first view, with the counts of every tab and the unread total from the
 * latest answer.
 */

type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

interface TabList {
  status: ListStatus;
  message: string;
  retryable: boolean;
  items: DeputyCaseListItem[];
  nextCursor: string | null;
  loadingMore: boolean;
  moreError: string;
}

const emptyList = (): TabList => ({
  status: 'idle',
  message: '',
  retryable: true,
  items: [],
  nextCursor: null,
  loadingMore: false,
  moreError: '',
});

const TABS: Array<{ key: InboxTab; label: string; empty: string }> = [
  { key: 'new', label: '新收到', empty: '没有待受理的诉求' },
  { key: 'in_progress', label: '办理中', empty: '没有正在办理的诉求' },
  { key: 'overdue', label: '已逾期', empty: '没有逾期的诉求' },
  { key: 'awaiting_rating', label: '待评价', empty: '没有等待群众评价的诉求' },
  { key: 'done', label: '已办结', empty: '还没有办结的诉求' },
  { key: 'all', label: '全部', empty: '还没有收到诉求' },
];

const byTab = <T>(make: () => T): Record<InboxTab, T> =>
  Object.fromEntries(TABS.map(({ key }) => [key, make()])) as Record<InboxTab, T>;

Component({
  data: {
    tabs: TABS,
    tab: 'new' as InboxTab,
    counts: byTab(() => 0),
    unread: 0,
    lists: byTab(emptyList),
  },
  methods: {
    onLoad() {
      void this.reload(this.data.tab);
    },

    async reload(tab: InboxTab) {
      const shown = this.data.lists[tab].status === 'ready';
      if (!shown) this.setData({ [`lists.${tab}.status`]: 'loading' });
      try {
        const page = await deputy.inbox(tab, null);
        this.setData({
          counts: page.counts,
          unread: page.unread,
          [`lists.${tab}`]: {
            ...emptyList(),
            status: 'ready',
            items: page.items,
            nextCursor: page.nextCursor,
          },
        });
      } catch (error) {
        const failure = shownError(error);
        if (shown) wx.showToast({ title: failure.message, icon: 'none' });
        else {
          this.setData({
            [`lists.${tab}.status`]: 'error',
            [`lists.${tab}.message`]: failure.message,
            [`lists.${tab}.retryable`]: canRetry(failure),
          });
        }
      }
    },

    async loadMore() {
      const tab = this.data.tab;
      const list = this.data.lists[tab];
      if (!list.nextCursor || list.loadingMore || list.status !== 'ready') return;
      this.setData({ [`lists.${tab}.loadingMore`]: true, [`lists.${tab}.moreError`]: '' });
      try {
        const page = await deputy.inbox(tab, list.nextCursor);
        this.setData({
          counts: page.counts,
          unread: page.unread,
          [`lists.${tab}.items`]: [...this.data.lists[tab].items, ...page.items],
          [`lists.${tab}.nextCursor`]: page.nextCursor,
        });
      } catch (error) {
        this.setData({ [`lists.${tab}.moreError`]: shownError(error).message });
      }
      this.setData({ [`lists.${tab}.loadingMore`]: false });
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
      wx.stopPullDownRefresh();
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
      wx.navigateTo({ url: `/pages/deputy/case/index?id=${id}` });
    },

    onMyCode() {
      wx.navigateTo({ url: '/pages/deputy/my-code/index' });
    },

    onRecord() {
      wx.navigateTo({ url: '/pages/deputy/record/index' });
    },
  },
});
