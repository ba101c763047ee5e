import type { MeView } from '../../core/api';
import {
  BIND_CODE_LENGTH,
  formatBindCode,
  isWellFormedBindCode,
  lookalikesIn,
  normaliseBindCode,
} from '../../core/bind-code';
import * as resident from '../../services/resident';
import { shownError } from '../../utils/errors';
import { redirect, toast } from '../../utils/ui';
import { textSize } from '../../behaviors/text-size';

/**
 * Where a deputy, a station's staff member or a handling unit's liaison binds their WeChat account
 * with the one-time code the congress office (代表工委) gave them. The code is shown as it is printed
 * (upper case, `K7MX-3QPA`) whatever was typed; the function decides, and its message (invalid or
 * expired, too many attempts) is shown under the field. Once bound, the page lists the roles and
 * leads to 办理工作台, and a deputy also to their own code.
 */

type Binding = MeView['roles'][number];

interface RoleLine {
  key: string;
  label: string;
  name: string;
}

const ROLE_LABELS: Record<Binding['role'], string> = {
  deputy: '人大代表',
  staff: '联络站工作人员',
  unit: '承办单位联络人',
  office: '代表工委工作人员',
  leader: '分管领导',
};

const keyOf = (b: Binding): string =>
  b.role === 'deputy'
    ? `deputy-${b.deputyId}`
    : b.role === 'staff'
      ? `staff-${b.stationId}`
      : b.role === 'unit'
        ? `unit-${b.unitId}`
        : b.role === 'leader'
          ? `leader-${b.leaderId}`
          : 'office';

const linesOf = (me: MeView): RoleLine[] =>
  me.roles.map((b) => ({ key: keyOf(b), label: ROLE_LABELS[b.role], name: b.name }));

/** What is wrong with a code before it is sent, or '' when it may be one. */
function localError(code: string): string {
  if (!code) return '请输入绑定码';
  const lookalikes = lookalikesIn(code);
  if (lookalikes.length > 0) return `绑定码中没有「${lookalikes.join('」「')}」，请核对后重新输入`;
  if (code.length < BIND_CODE_LENGTH)
    return `绑定码是 ${BIND_CODE_LENGTH} 位，还差 ${BIND_CODE_LENGTH - code.length} 位`;
  return isWellFormedBindCode(code) ? '' : '请核对绑定码';
}

Component({
  behaviors: [textSize],
  data: {
    /** The code as shown in the field: upper case, grouped `K7MX-3QPA`. */
    display: '',
    /** The code's characters, as sent. */
    code: '',
    error: '',
    submitting: false,
    /** After binding: the caller's roles. */
    roles: [] as RoleLine[],
    bound: false,
    deputy: false,
  },
  methods: {
    /** Returning the formatted text makes WeChat put it in the field (upper case, with the dash). */
    onInput(event: WechatMiniprogram.Input): string {
      const code = normaliseBindCode(event.detail.value).slice(0, BIND_CODE_LENGTH);
      const display = formatBindCode(code);
      const lookalikes = lookalikesIn(code);
      this.setData({ display, code, error: lookalikes.length > 0 ? localError(code) : '' });
      return display;
    },

    onBind() {
      // A second tap while the first is on its way sends nothing.
      if (this.data.submitting || this.data.bound) return;
      const error = localError(this.data.code);
      if (error) {
        this.setData({ error });
        return;
      }
      this.setData({ submitting: true, error: '' });
      void this.send(this.data.code);
    },

    async send(code: string) {
      try {
        const me = await resident.bind(code);
        this.setData({
          submitting: false,
          bound: true,
          roles: linesOf(me),
          deputy: me.roles.some((b) => b.role === 'deputy'),
        });
        toast('绑定成功', 'success');
      } catch (failure) {
        const shown = shownError(failure);
        this.setData({ submitting: false, error: shown.fields.code || shown.message });
      }
    },

    onCasework() {
      redirect('/pages/casework/queue/index');
    },

    onMyCode() {
      redirect('/pages/deputy/my-code/index');
    },
  },
});
