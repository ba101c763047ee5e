import type { StationFiguresView } from '../../../core/api';
import { chinaDate } from '../../../core/text';
import * as station from '../../../services/station';
import { canRetry, shownError } from '../../../utils/errors';

/**
 * The station's figures for any period (from the 1st of January to today at first): visits (人次),
 * 当场答复, suggestions received, handled, remaining, overdue — the figures stations publish.
 */

type Status = 'loading' | 'ready' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    message: '',
    retryable: true,
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

    async load() {
      this.setData({ status: 'loading' });
      try {
        const figures = await station.figures(this.data.from, this.data.to, this.data.stationId || undefined);
        this.setData({ status: 'ready', figures });
      } catch (error) {
        const shown = shownError(error);
        this.setData({ status: 'error', message: shown.message, retryable: canRetry(shown) });
      }
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

    onRetry() {
      void this.load();
    },
  },
});
