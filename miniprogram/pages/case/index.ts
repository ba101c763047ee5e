import type { CaseDetailView } from '../../core/api';
import { chinaDateTime } from '../../core/text';
import * as resident from '../../services/resident';
import { canRetry, shownError } from '../../utils/errors';

/** One of the resident's appeals: where it stands and everything that happened to it. Options: `id`. */

type Status = 'loading' | 'ready' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    message: '',
    retryable: false,
    caseId: '',
    view: null as CaseDetailView | null,
    createdAt: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const caseId = options.id ?? '';
      if (!caseId) {
        this.setData({ status: 'error', message: '没有找到这条诉求', retryable: false });
        return;
      }
      this.setData({ caseId });
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading' });
      try {
        const view = await resident.caseDetail(this.data.caseId);
        this.setData({ status: 'ready', view, createdAt: chinaDateTime(view.createdAt) });
      } catch (error) {
        const shown = shownError(error);
        this.setData({ status: 'error', message: shown.message, retryable: canRetry(shown) });
      }
    },

    onRetry() {
      void this.load();
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
  },
});
