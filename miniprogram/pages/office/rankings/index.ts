import type { RankingColumn, RankingOf, RankingsView } from '../../../core/api-accounts';
import { RANKING_OF_LABELS } from '../../../core/rankings';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { audienceOf, rankings, type Audience } from '../../../services/accounts';
import {
  PERIOD_OPTIONS,
  periodInput,
  periodLabel,
  withFrom,
  withTo,
  type PeriodChoice,
  type PeriodState,
} from '../../../utils/period';
import {
  columnChips,
  nextOrder,
  rowViews,
  type ColumnChip,
  type RowView,
} from '../../../utils/rankings-view';
import { setTitle } from '../../../utils/ui';

/**
 * 排行: handling units (承办单位), stations (联络站) and deputies (代表履职考核) side by side for a
 * period (`office.rankings`; `station.rankings` with `?audience=station`: the staff's stations'
 * share), each value with its change against the previous period. The columns are chips: a tap
 * sorts by one (the function sorts and ranks), a second tap turns the order.
 */

const TABS: Array<{ key: RankingOf; label: string }> = (['unit', 'station', 'deputy'] as RankingOf[]).map(
  (key) => ({ key, label: RANKING_OF_LABELS[key] }),
);

Component({
  behaviors: [loadable, textSize],
  data: {
    audience: { kind: 'office' } as Audience,
    tabs: TABS,
    of: 'unit' as RankingOf,
    periodOptions: PERIOD_OPTIONS,
    period: { choice: 'month', from: '', to: '' } as PeriodState,
    periodText: '',
    previousText: '',
    /** The column and order asked for; none at first: the function's default for the tab. */
    sortBy: '' as RankingColumn | '',
    order: 'desc' as 'desc' | 'asc',
    view: null as RankingsView | null,
    columns: [] as ColumnChip[],
    rows: [] as RowView[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const audience = audienceOf(query);
      const of = TABS.some((tab) => tab.key === query.of) ? (query.of as RankingOf) : 'unit';
      this.setData({ audience, of });
      if (audience.kind === 'station') setTitle('联络站排行');
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const { sortBy, order, of } = this.data;
      const view = await rankings(this.data.audience, {
        of,
        ...periodInput(this.data.period),
        ...(sortBy ? { sortBy, order } : {}),
      });
      this.setData({
        view,
        'period.from': view.from,
        'period.to': view.to,
        periodText: periodLabel(view.from, view.to),
        previousText: periodLabel(view.previous.from, view.previous.to),
        sortBy: view.sortBy,
        order: view.order,
        columns: columnChips(view),
        rows: rowViews(view),
      });
      return view.rows.length > 0 ? 'ready' : 'empty';
    },

    onTab(event: WechatMiniprogram.BaseEvent<object, { key: RankingOf }>) {
      const of = event.currentTarget.dataset.key;
      if (of === this.data.of) return;
      // Each tab has its own columns: its default sort until a column is tapped.
      this.setData({ of, sortBy: '', order: 'desc', rows: [], columns: [] });
      void this.load();
    },

    onPeriod(event: WechatMiniprogram.BaseEvent<object, { key: PeriodChoice }>) {
      const choice = event.currentTarget.dataset.key;
      if (choice === this.data.period.choice) return;
      this.setData({ 'period.choice': choice });
      if (choice !== 'custom') void this.load();
    },

    onFrom(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ period: withFrom(this.data.period, event.detail.value) });
      void this.load();
    },

    onTo(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ period: withTo(this.data.period, event.detail.value) });
      void this.load();
    },

    onSort(event: WechatMiniprogram.BaseEvent<object, { key: RankingColumn }>) {
      const view = this.data.view;
      if (!view) return;
      const sortBy = event.currentTarget.dataset.key;
      this.setData({ sortBy, order: nextOrder(view, sortBy) });
      void this.refresh();
    },
  },
});
