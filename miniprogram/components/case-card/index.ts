import type { CaseListItem, DeputyCaseListItem } from '../../core/api';
import { chinaDate } from '../../core/china-time';

/**
 * One case in a list, for residents (their own cases) and deputies (their inbox, which adds the
 * submitter, the masked phone and the place). A tap triggers `open` with the case id; the page
 * decides where that leads.
 *
 * `<case-card item="{{item}}" bind:open="onOpen" />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    item: { type: Object, value: {} },
  },
  data: { date: '' },
  observers: {
    item(item: Partial<CaseListItem & DeputyCaseListItem>) {
      this.setData({ date: typeof item?.createdAt === 'number' ? chinaDate(item.createdAt) : '' });
    },
  },
  methods: {
    onTap() {
      const item = this.data.item as Partial<CaseListItem>;
      if (item.id) this.triggerEvent('open', { id: item.id });
    },
  },
});
