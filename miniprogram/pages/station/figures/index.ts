import type { StationFiguresView } from '../../../core/api';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as station from '../../../services/station';
import { chinaDate } from '../../../core/china-time';

/**
 * The station's figures for any period (from the 1st of January to today at first): visits (人次),
 * 当场答复, suggestions received, handled, remaining, overdue — the figures stations publish.
 */

Component({
  behaviors: [loadable, textSize],
  data: {
    stationId: '',
    from: '',
    to: '',
    figures: null as StationFiguresView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const today = chinaDate(Date.now());
      this.setData({
        stationId: query.stationId ?? '',
        from: query.from ?? `${today.slice(0, 4)}-01-01`,
        to: query.to ?? today,
      });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const figures = await station.figures(this.data.from, this.data.to, this.data.stationId || undefined);
      this.setData({ figures });
      return figures.visits || figures.suggestions ? 'ready' : 'empty';
    },

    onFrom(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const from = event.detail.value;
      this.setData({ from, to: this.data.to < from ? from : this.data.to });
      void this.load();
    },

    onTo(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const to = event.detail.value;
      this.setData({ to, from: this.data.from > to ? to : this.data.from });
      void this.load();
    },
  },
});
