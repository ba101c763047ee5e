import type { CaseListItem, DeputyCaseListItem } from '../../core/api';
import { chinaDate } from '../../core/china-time';
import { RESIDENT_STATUS_TAG } from '../../utils/resident-words';

/**
 * One case in a list, for residents (their own cases) and deputies (their inbox, which adds the
 * submitter, the masked phone and the place). A tap triggers `open` with the case id; the page
 * decides where that leads.
 *
 * `<case-card item="{{item}}" bind:open="onOpen" />`; with `resident`, the status is in the resident's
 * plain words (待您评价 rather than 已答复, utils/resident-words.ts).
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    item: { type: Object, value: {} },
    resident: { type: Boolean, value: false },
  },
  data: { date: '', statusLabel: '' },
  observers: {
    'item, resident'(item: Partial<CaseListItem & DeputyCaseListItem>, resident: boolean) {
      this.setData({
        date: typeof item?.createdAt === 'number' ? chinaDate(item.createdAt) : '',
        statusLabel: resident && item?.status ? RESIDENT_STATUS_TAG[item.status] : (item?.statusLabel ?? ''),
      });
    },
  },
  methods: {
    onTap() {
      const item = this.data.item as Partial<CaseListItem>;
      if (item.id) this.triggerEvent('open', { id: item.id });
    },
  },
});
