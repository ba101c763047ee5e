import type { CaseListItem } from '../../core/api';
import * as resident from '../../services/resident';
import { shownError } from '../../utils/errors';

/**
 * The resident's own appeals, newest first, 20 at a time: more load at the bottom of the list, and
 * pulling down starts again from the newest.
 */

type Status = 'loading' | 'ready' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    message: '',
    items: [] as CaseListItem[],
    nextCursor: null as string | null,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onLoad() {
      this.setData({ status: 'loading' });
      void this.reload();
    },

    /** The first page; on failure the list already shown stays, with a toast, unless there is none. */
    async reload() {
      try {
        const page = await resident.myCases(null);
        this.setData({ status: 'ready', items: page.items, nextCursor: page.nextCursor, moreError: '' });
      } catch (error) {
        const { message } = shownError(error);
        if (this.data.status === 'ready') wx.showToast({ title: message, icon: 'none' });
        else this.setData({ status: 'error', message });
      }
    },

    async loadMore() {
      const cursor = this.data.nextCursor;
      if (!cursor || this.data.loadingMore || this.data.status !== 'ready') return;
      this.setData({ loadingMore: true, moreError: '' });
      try {
        const page = await resident.myCases(cursor);
        this.setData({ items: [...this.data.items, ...page.items], nextCursor: page.nextCursor });
      } catch (error) {
        this.setData({ moreError: shownError(error).message });
      }
      this.setData({ loadingMore: false });
    },

    onRetry() {
      this.setData({ status: 'loading' });
      void this.reload();
    },

    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      void this.loadMore();
    },

    onOpen(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const id = event.detail.id;
      const index = this.data.items.findIndex((item) => item.id === id);
      // Opening the case reads it; the dot goes now rather than on the next refresh.
      if (index >= 0 && this.data.items[index].unread) this.setData({ [`items[${index}].unread`]: false });
      wx.navigateTo({ url: `/pages/case/index?id=${id}` });
    },

    onScan() {
      wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
