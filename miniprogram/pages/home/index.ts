import { targetFromOptions } from '../../core/codes';
import { textSize } from '../../behaviors/text-size';
import { handlerRolesOf } from '../../services/casework';
import * as resident from '../../services/resident';
import { isCancel } from '../../utils/format';
import { alert, navigate, toast } from '../../utils/ui';

/**
 * The entry page: one clear entry per role. Everyone has 提诉求 (the scanner: appeals start from a
 * deputy's or a station's QR code), 我的诉求 and 找代表 (a deputy or station found without a code).
 * A deputy also has 收到的诉求 (their inbox), station staff 联络站, the office 代表工委 (its own screens,
 * pages/office/home), a handling unit 办理工作台 and a station's 分管领导 我的值班 — each shown only to
 * that role, as `resident.me` says, asked once when the page is first shown so that the scanner
 * never waits for it. The bind page (绑定代表/工作人员身份) is a quiet
 * link at the foot, for the few the office gave a code. The 长辈版 switch sits at the top, and a
 * phone that never answered is offered 长辈版 once (behaviors/text-size.ts).
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
    /**
     * The caller is a deputy: 收到的诉求, the deputy's inbox (the page's own title too, so that one
     * list has one name; 办理工作台 is the queue every handler shares).
     */
    deputy: false,
    /** Station staff: 联络站 (the station's overview). */
    staff: false,
    /** The office: 代表工委, the office's own entry point (pages/office/home). */
    office: false,
    /** A handling unit: 办理工作台. */
    unit: false,
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
          deputy: roles.includes('deputy'),
          staff: roles.includes('staff'),
          office: roles.includes('office'),
          unit: roles.includes('unit'),
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

    onFind() {
      navigate('/pages/find/index');
    },

    onStation() {
      navigate('/pages/station/overview/index');
    },

    onDeputy() {
      navigate('/pages/deputy/inbox/index');
    },

    onOffice() {
      navigate('/pages/office/home/index');
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
