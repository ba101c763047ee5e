import type { TimelineEntry } from '../../core/api';
import { chinaDateTime } from '../../core/china-time';

/** A case's history, newest last, as the function answers it: `<case-timeline entries="{{view.timeline}}" />`. */
Component({
  options: { addGlobalClass: true },
  properties: {
    entries: { type: Array, value: [] },
  },
  data: {
    rows: [] as Array<{ key: number; label: string; time: string; actorName: string; note: string }>,
  },
  observers: {
    entries(entries: TimelineEntry[]) {
      this.setData({
        rows: (entries ?? []).map((entry) => ({
          key: entry.seq,
          label: entry.label,
          time: chinaDateTime(entry.at),
          actorName: entry.actorName,
          note: entry.note ?? '',
        })),
      });
    },
  },
});
