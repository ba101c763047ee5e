import type { DeadlineView } from '../../core/api';
import { DEADLINE_LABELS, PAUSED_LABEL } from './labels';

/**
 * A case's deadline as coloured tags: 正常 / 即将到期 / 已逾期, and 暂停计时 while the clock stands
 * still. With `show-date`, the due date (China-local, as the function answers it) comes first.
 * Shows nothing without a deadline.
 *
 * `<deadline-badge deadline="{{item.deadline}}" show-date />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    deadline: { type: Object, optionalTypes: [null], value: null },
    showDate: { type: Boolean, value: false },
  },
  data: { shown: false, status: '', label: '', dueDate: '', paused: false, pausedLabel: PAUSED_LABEL },
  observers: {
    deadline(deadline: DeadlineView | null) {
      const shown = !!deadline && typeof deadline.status === 'string';
      this.setData({
        shown,
        status: shown ? deadline.status : '',
        label: shown ? (DEADLINE_LABELS[deadline.status] ?? '') : '',
        dueDate: shown ? deadline.dueDate : '',
        paused: shown && deadline.paused,
      });
    },
  },
});
