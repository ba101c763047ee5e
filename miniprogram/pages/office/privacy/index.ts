import type { RetentionRun, RetentionView } from '../../../core/api';
import { chinaDateTime } from '../../../core/china-time';
import { validateRetentionDays } from '../../../core/privacy';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as office from '../../../services/office';
import { shownError } from '../../../utils/errors';
import { toast } from '../../../utils/ui';

/**
 * 个人信息保护, for the congress office (代表工委): how many days after a case is finished its
 * personal data is kept (the bounds come with it), and what the daily retention timer last
 * removed. The period is checked on the phone with the rule the function applies.
 */

/** 2026-11-21 03:30 删除 12 件诉求的个人信息、20 张照片、3 条来访登记中的姓名和电话. */
function runLine(run: RetentionRun | null): string {
  if (!run) return '尚未运行';
  const parts = [`${run.cases} 件诉求的个人信息`, `${run.photos} 张照片`];
  if (run.visits > 0) parts.push(`${run.visits} 条来访登记中的姓名和电话`);
  const left = run.failed > 0 ? `；${run.failed} 件暂未处理，下次重试` : '';
  const more = run.more ? '；还有待删除的，下次继续' : '';
  return `${chinaDateTime(run.at)} 删除 ${parts.join('、')}${left}${more}`;
}

Component({
  behaviors: [loadable, textSize],
  data: {
    days: '',
    saved: 0,
    bounds: '',
    updated: '',
    lastRun: '',
    error: '',
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      this.show(await office.retention());
      return 'ready';
    },

    show(view: RetentionView) {
      this.setData({
        days: String(view.closedCaseDays),
        saved: view.closedCaseDays,
        bounds: `可设置 ${view.minDays}–${view.maxDays} 天，默认 ${view.defaultDays} 天`,
        updated: view.updatedAt ? `${chinaDateTime(view.updatedAt)} 修改` : '使用默认期限',
        lastRun: runLine(view.lastRun),
        error: '',
      });
    },

    onDays(event: WechatMiniprogram.Input) {
      this.setData({ days: event.detail.value, error: '' });
    },

    async onSave() {
      if (this.data.saving) return;
      const checked = validateRetentionDays(this.data.days);
      if (!checked.ok) {
        this.setData({ error: checked.message });
        return;
      }
      this.setData({ saving: true });
      try {
        this.show(await office.setRetention(checked.data));
        this.setData({ saving: false });
        toast('已保存', 'success');
      } catch (error) {
        this.setData({ saving: false, error: shownError(error).message });
      }
    },
  },
});
