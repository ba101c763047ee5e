import type { CaseListItem } from '../../core/api';
import { textSize } from '../../behaviors/text-size';
import { loadable } from '../../behaviors/loadable';
import * as resident from '../../services/resident';
import { loadMore, noPages, showFirstPage } from '../../utils/paged-list';
import { navigate, relaunch } from '../../utils/ui';

/**
 * The resident's own appeals, newest first, 20 at a time: more load at the bottom of the list, and
 * pulling down starts again from the newest. 我的信息 (what is held about them, and deleting it) is
 * reached from the top.
 */

Component({
  behaviors: [loadable, textSize],
  data: noPages<CaseListItem>(),
  methods: {
    onLoad() {
      void this.load();
    },

    async fetch() {
      return showFirstPage(this, '', await resident.myCases(null));
    },

    async loadMore() {
      await loadMore(this, '', (cursor) => resident.myCases(cursor));
    },

    onReachBottom() {
      void this.loadMore();
    },

    onOpen(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const id = event.detail.id;
      const index = this.data.items.findIndex((item) => item.id === id);
      // Opening the case reads it; the dot goes now rather than on the next refresh.
      if (index >= 0 && this.data.items[index].unread) this.setData({ [`items[${index}].unread`]: false });
      navigate(`/pages/case/index?id=${id}`);
    },

    onScan() {
      relaunch('/pages/home/index');
    },

    onMyData() {
      navigate('/pages/my-data/index');
    },
  },
});
