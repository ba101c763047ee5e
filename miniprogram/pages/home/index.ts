/**
 * The entry page a resident sees when opening the app without a code: it explains that appeals
 * start from a deputy's or a station's QR code, and offers a scanner.
 */

/** wx.scanCode rejects with this when the resident closes the scanner; that is no error to show. */
const SCAN_CANCELLED = /cancel/;

Component({
  methods: {
    async onScan() {
      let scanned: WechatMiniprogram.ScanCodeSuccessCallbackResult;
      try {
        scanned = await wx.scanCode({ scanType: ['qrCode', 'wxCode'] });
      } catch (error) {
        const errMsg = typeof error === 'object' && error !== null && 'errMsg' in error ? error.errMsg : '';
        if (!SCAN_CANCELLED.test(String(errMsg))) {
          wx.showToast({ title: '没有识别出二维码，请重试', icon: 'none' });
        }
        return;
      }
      // A code of this mini-program carries its page path; any other code carries only its text.
      // Until routing to deputy and station pages exists, show what was read.
      wx.showModal({ title: '扫码结果', content: scanned.path || scanned.result, showCancel: false });
    },
  },
});
