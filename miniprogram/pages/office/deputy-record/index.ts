import type { DeputyRecordDetailView } from '../../../core/api-accounts';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { audienceOf, deputyRecord, type Audience } from '../../../services/accounts';
import { linkedId } from '../../../utils/errors';
import { eventList, recordLines, type EventList, type RecordLine } from '../../../utils/record-view';
import { navigate } from '../../../utils/ui';

/**
 * 代表履职档案 as the office reads it (`office.deputyRecord`; `station.deputyRecord` for staff,
 * `?audience=station`): a deputy's figures for a year, each number tappable to list what makes it —
 * the cases by 受理编号 (a tap opens the case) or the reception days. `?deputyId=` names the deputy.
 */

/** Years offered: the current one and the four before it (a congress term is five years). */
const YEARS_SHOWN = 5;

Component({
  behaviors: [loadable, textSize],
  data: {
    audience: { kind: 'office' } as Audience,
    deputyId: '',
    view: null as DeputyRecordDetailView | null,
    currentYear: 0,
    year: 0,
    years: [] as number[],
    yearLabels: [] as string[],
    yearIndex: 0,
    lines: [] as RecordLine[],
    /** The line whose cases or days are listed. */
    open: null as EventList | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ audience: audienceOf(query), deputyId: query.deputyId ?? '' });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const deputyId = linkedId(this.data.deputyId, '没有找到这位代表');
      const year = this.data.year;
      const view = await deputyRecord(
        this.data.audience,
        year ? { deputyId, from: `${year}-01-01`, to: `${year}-12-31` } : { deputyId },
      );
      const shownYear = Number(view.period.from.slice(0, 4));
      const currentYear = this.data.currentYear || shownYear;
      const years = Array.from({ length: YEARS_SHOWN }, (_, i) => currentYear - i);
      this.setData({
        view,
        currentYear,
        year: shownYear,
        years,
        yearLabels: years.map((y) => `${y}年`),
        yearIndex: Math.max(0, years.indexOf(shownYear)),
        lines: recordLines(view),
        open: null,
      });
      return 'ready';
    },

    onYear(event: WechatMiniprogram.PickerChange) {
      const year = this.data.years[Number(event.detail.value)];
      if (year === undefined || year === this.data.year) return;
      this.setData({ yearIndex: Number(event.detail.value), year });
      void this.load();
    },

    /** Lists the cases or days behind a number; a second tap closes the list. */
    onLine(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const line = this.data.lines[Number(event.currentTarget.dataset.index)];
      const view = this.data.view;
      if (!line || !view || line.listed === 0) return;
      this.setData({ open: this.data.open?.key === line.key ? null : eventList(view, line.key, line.label) });
    },

    onCase(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      if (id) navigate(`/pages/deputy/case/index?id=${id}`);
    },
  },
});
