import type { TimelineEntry } from '../../core/api';
import { chinaDateTime } from '../../core/china-time';
import { RESIDENT_EVENT, residentActor } from '../../utils/resident-words';

interface Row {
  key: number;
  label: string;
  time: string;
  actorName: string;
  note: string;
}

/**
 * A case's history as the function answers it (oldest first): `<case-timeline entries="{{view.timeline}}" />`.
 * With `resident`, it is told to the resident: newest first, in plain words (utils/resident-words.ts),
 * and 「群众」 as 您.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    entries: { type: Array, value: [] },
    resident: { type: Boolean, value: false },
  },
  data: {
    rows: [] as Row[],
  },
  observers: {
    'entries, resident'(entries: TimelineEntry[], resident: boolean) {
      const rows = (entries ?? []).map((entry): Row => ({
        key: entry.seq,
        label: resident ? RESIDENT_EVENT[entry.type] : entry.label,
        time: chinaDateTime(entry.at),
        actorName: resident ? residentActor(entry.actorName) : entry.actorName,
        note: entry.note ?? '',
      }));
      this.setData({ rows: resident ? rows.reverse() : rows });
    },
  },
});
