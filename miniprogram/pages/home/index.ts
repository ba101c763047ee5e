import { targetFromOptions } from '../../core/codes';
import { textSize } from '../../behaviors/text-size';
import { handlerRolesOf } from '../../services/casework';
import * as resident from '../../services/resident';
import { isCancel } from '../../utils/format';
import { alert, navigate, toast } from '../../utils/ui';

/**
 * The entry page a resident sees when opening the app without a code: it explains that appeals
 * start from a deputy's or a station's QR code, offers a scanner, and leads to the resident's own
 * appeals. Those who handle cases (deputies, station staff, handling units, the office) also find
 * 办理工作台, and deputies their own inbox: `resident.me` says who they are, asked once, when the
 * page is first shown, so that the scanner never waits for it. Until then, a link leads those
 * given a code by the office to the bind page. The 长辈版 switch sits at the top, and a phone that
 * never answered is offered 长辈版 once (behaviors/text-size.ts).
 */

const LANDING = '/pages/landing/index';

/** Where a scanned code leads: a page of this app, or the landing page for a code's URL. */
function destinationOf(scanned: { path?: string; result?: string }): string | null {
  // A mini-program code of this app carries its page path, with the scene in its query.
  if (scanned.path) return `/${scanned.path.replace(/^\/+/, '')}`;
  const target = targetFromOptions({ q: encodeURIComponent(scanned.result ?? '') });
  return target ? `${LANDING}?type=${target.type}&code=${target.code}` : null;
}

Component({
  behaviors: [textSize],
  data: {
    /** The caller handles cases in some role: 办理工作台. */
    handler: false,
    /**
     * The caller is a deputy: 收到的诉求, the deputy's inbox (the page's own title too, so that one
     * list has one name; 办理工作台 is the queue every handler shares).
     */
    deputy: false,
    /** The caller is a station's 分管领导: 我的值班 (they handle no cases). */
    leader: false,
    asked: false,
  },
  methods: {
    onShow() {
      if (!this.data.asked) {
        this.offerTextSize();
        void this.askRoles();
      }
    },

    async askRoles() {
      this.setData({ asked: true });
      try {
        const me = await resident.me();
        const roles = handlerRolesOf(me);
        this.setData({
          handler: roles.length > 0,
          deputy: roles.includes('deputy'),
          leader: me.roles.some((binding) => binding.role === 'leader'),
        });
      } catch {
        // Residents lose nothing: the entries stay hidden, and the next show asks again.
        this.setData({ asked: false });
      }
    },

    async onScan() {
      let scanned: WechatMiniprogram.ScanCodeSuccessCallbackResult;
      try {
        scanned = await wx.scanCode({ scanType: ['qrCode', 'wxCode'] });
      } catch (error) {
        // Closing the scanner is no error to show.
        if (!isCancel(error)) toast('没有识别出二维码，请重试');
        return;
      }
      const url = destinationOf(scanned);
      if (url) navigate(url);
      else {
        alert(
          '不是代表码',
          '这个二维码不是人大代表或联络站的二维码。请扫描代表名片、代表之家或联络站张贴的二维码。',
        );
      }
    },

    onMyCases() {
      navigate('/pages/my-cases/index');
    },

    onDeputy() {
      navigate('/pages/deputy/inbox/index');
    },

    onDuties() {
      navigate('/pages/deputy/duties/index');
    },

    onCasework() {
      navigate('/pages/casework/queue/index');
    },

    /** Someone who binds there comes back with new roles: ask again when this page shows next. */
    onBind() {
      this.setData({ asked: false });
      navigate('/pages/bind/index');
    },
  },
});
