import type { CaseDetailView } from '../../../core/api';
import { newClientRequestId } from '../../../core/ids';
import { SUBSCRIBE_ON_DEPUTY_ACTION } from '../../../core/notifications';
import { LIMITS, validateReply } from '../../../core/submit';
import { charLength, chinaDateTime } from '../../../core/text';
import { askConsent } from '../../../services/consent';
import * as deputy from '../../../services/deputy';
import { canRetry, shownError } from '../../../utils/errors';

/**
 * A case as the deputy handling it sees it: the resident's contact (when given), the place, the
 * history, and a box to reply. Options: `id`.
 *
 * A reply is safe to retry: its clientRequestId is made once per reply text and sent again when the
 * same text is sent again, so a retry after a lost answer does not reply twice.
 */

type Status = 'loading' | 'ready' | 'error';

/** Statuses in which a reply no longer means anything. */
const NO_REPLY = ['closed', 'merged'];

Component({
  data: {
    status: 'loading' as Status,
    message: '',
    retryable: false,
    caseId: '',
    view: null as CaseDetailView | null,
    createdAt: '',
    canReply: false,
    replyText: '',
    replyCount: 0,
    replyMax: LIMITS.replyMax,
    replyError: '',
    replying: false,
    /** The text last sent and its clientRequestId, reused while the text stays the same. */
    sent: { content: '', clientRequestId: '' },
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
        this.show(await deputy.caseDetail(this.data.caseId));
      } catch (error) {
        const shown = shownError(error);
        this.setData({ status: 'error', message: shown.message, retryable: canRetry(shown) });
      }
    },

    show(view: CaseDetailView) {
      this.setData({
        status: 'ready',
        view,
        createdAt: chinaDateTime(view.createdAt),
        canReply: !NO_REPLY.includes(view.status),
      });
    },

    onRetry() {
      void this.load();
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onCall() {
      const phone = this.data.view?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
    },

    onOpenLocation() {
      const place = this.data.view?.location;
      if (!place) return;
      wx.openLocation({
        latitude: place.latitude,
        longitude: place.longitude,
        name: place.name ?? '',
        address: place.address ?? '',
        scale: 16,
      }).catch(() => wx.showToast({ title: '无法打开地图', icon: 'none' }));
    },

    onReplyInput(event: WechatMiniprogram.TextareaInput) {
      const replyText = event.detail.value;
      const count = charLength(replyText.trim());
      this.setData({
        replyText,
        replyCount: count,
        replyError: count > LIMITS.replyMax ? `答复最多 ${LIMITS.replyMax} 个字，当前 ${count} 个字` : '',
      });
    },

    /** Synchronous up to the subscribe request, which WeChat only shows from a tap before any await. */
    onReply() {
      if (this.data.replying) return;
      const content = this.data.replyText.trim();
      const clientRequestId =
        this.data.sent.content === content && this.data.sent.clientRequestId
          ? this.data.sent.clientRequestId
          : newClientRequestId(Math.random);
      const checked = validateReply({ caseId: this.data.caseId, content, clientRequestId });
      if (!checked.ok) {
        this.setData({ replyError: checked.fields?.content ?? checked.message });
        return;
      }
      void askConsent(SUBSCRIBE_ON_DEPUTY_ACTION);
      this.setData({ replying: true, replyError: '', sent: { content, clientRequestId } });
      void this.sendReply(checked.data);
    },

    async sendReply(input: { caseId: string; content: string; clientRequestId: string }) {
      try {
        const view = await deputy.reply(input.caseId, input.content, input.clientRequestId);
        this.show(view);
        this.setData({
          replying: false,
          replyText: '',
          replyCount: 0,
          sent: { content: '', clientRequestId: '' },
        });
        wx.showToast({ title: '答复已发送', icon: 'success' });
      } catch (error) {
        const shown = shownError(error);
        this.setData({ replying: false, replyError: shown.fields.content ?? shown.message });
      }
    },
  },
});
