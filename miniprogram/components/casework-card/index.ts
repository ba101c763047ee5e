import type { CaseworkListItem } from '../../core/api';
import { isOpen, type CaseStatus } from '../../core/model';
import { chinaDate } from '../../core/china-time';

/**
 * One case in a handler's queue: the case number, the summary, its status, its deadline (while it is
 * open: a stopped clock is for the records), the unit holding it and 督办. A tap triggers `open`
 * with the case id; the page decides where that leads.
 *
 * `<casework-card item="{{item}}" bind:open="onOpen" />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    item: { type: Object, value: {} },
  },
  data: { date: '', showDeadline: false },
  observers: {
    item(item: Partial<CaseworkListItem>) {
      this.setData({
        date: typeof item?.createdAt === 'number' ? chinaDate(item.createdAt) : '',
        showDeadline: !!item?.deadline && isOpen(item.status as CaseStatus),
      });
    },
  },
  methods: {
    onTap() {
      const item = this.data.item as Partial<CaseworkListItem>;
      if (item.id) this.triggerEvent('open', { id: item.id });
    },
  },
});
