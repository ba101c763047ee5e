import type { MyCodeView } from '../../../core/api';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as deputy from '../../../services/deputy';
import { download } from '../../../services/download';
import { errMsgOf, isCancel } from '../../../utils/format';
import { hideLoading, preview, showLoading, toast } from '../../../utils/ui';

/**
 * The deputy's own code, to print or to share: WeChat's round mini-program code and an ordinary QR
 * code (which any scanner opens), saved to the album as images, or shared as a card in a chat.
 */

type CodeTab = 'wxacode' | 'qr';

/** How saveImageToPhotosAlbum says the album permission was refused (wording varies by platform). */
const ALBUM_REFUSED = /auth|authori[sz]e|permission|privacy/i;

Component({
  behaviors: [loadable, textSize],
  data: {
    view: null as MyCodeView | null,
    tab: 'wxacode' as CodeTab,
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async fetch() {
      const view = await deputy.myCode();
      // WeChat may refuse to make a mini-program code (an unpublished app): show the QR code then.
      this.setData({ view, tab: view.wxacodeImageUrl ? 'wxacode' : 'qr' });
    },

    onTab(event: WechatMiniprogram.BaseEvent<object, { tab: CodeTab }>) {
      this.setData({ tab: event.currentTarget.dataset.tab });
    },

    onPreview() {
      const url = this.currentUrl();
      if (url) preview(url, [url]);
    },

    currentUrl(): string {
      const view = this.data.view;
      if (!view) return '';
      return this.data.tab === 'wxacode' ? (view.wxacodeImageUrl ?? '') : view.qrImageUrl;
    },

    async onSave() {
      const url = this.currentUrl();
      if (!url || this.data.saving) return;
      this.setData({ saving: true });
      showLoading('正在保存');
      try {
        const filePath = await download(url);
        await wx.saveImageToPhotosAlbum({ filePath });
        hideLoading();
        toast('已保存到相册', 'success');
      } catch (error) {
        hideLoading();
        if (isCancel(error)) {
          // The deputy closed the system dialog: nothing went wrong.
        } else if (ALBUM_REFUSED.test(errMsgOf(error))) {
          void this.explainAlbumPermission();
        } else {
          toast('保存失败，请稍后重试');
        }
      }
      this.setData({ saving: false });
    },

    /** Once refused, WeChat never asks again by itself: only the settings page can grant it. */
    async explainAlbumPermission() {
      const answer = await wx.showModal({
        title: '需要相册权限',
        content: '保存代表码需要允许「添加到相册」。请在设置中打开相册权限，然后再保存一次。',
        confirmText: '去设置',
        cancelText: '暂不',
      });
      if (answer.confirm) await wx.openSetting({});
    },

    onShareAppMessage() {
      const view = this.data.view;
      return {
        title: view ? `${view.name}代表：有事请找我反映` : '民意直通车',
        path: view ? `/pages/landing/index?type=deputy&code=${view.code}` : '/pages/home/index',
      };
    },
  },
});
