import type { BindCodeView, BindRole, DirectoryItem } from '../../../core/api';
import { matchesSearch } from '../../../core/directory';
import { loadInto, notLoaded, type LoadState } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as office from '../../../services/office';
import { shownError } from '../../../utils/errors';
import { chinaDateTime } from '../../../core/china-time';

/**
 * 生成绑定码, for the congress office (代表工委): pick a role and whom it binds to, get a one-time
 * code (expiring, single use) to hand to that person, who enters it on pages/bind. The code is
 * shown once, large and grouped, with its expiry and a copy button: the function stores only its
 * hash, so it cannot be shown again.
 *
 * Deputies, staff and units are picked from the directory (`office.directory`, active records only,
 * with a search). The directory's edit page opens this page preset: options `role` and `id`. A
 * station's 分管领导 is only reached that way, from their station's edit page (`role=leader`, `id`,
 * and `name` to show), since leaders live on their station's record, not in a list of their own.
 */

type TargetRole = Exclude<BindRole, 'office' | 'leader'>;

const LEADER_LABEL = '分管领导';

const ROLES: Array<{ key: Exclude<BindRole, 'leader'>; label: string }> = [
  { key: 'deputy', label: '代表' },
  { key: 'staff', label: '联络站工作人员' },
  { key: 'unit', label: '承办单位' },
  { key: 'office', label: '代表工委' },
];

const PICK_MESSAGE: Record<Exclude<BindRole, 'office'>, string> = {
  deputy: '请选择代表',
  staff: '请选择工作人员',
  unit: '请选择承办单位',
  leader: '请在联络站的编辑页选择分管领导',
};

interface TargetList extends LoadState {
  items: DirectoryItem[];
}

interface Shown {
  groups: string[];
  code: string;
  roleLabel: string;
  targetName: string;
  expires: string;
}

const shownOf = (view: BindCodeView): Shown => ({
  groups: view.code.split('-'),
  code: view.code,
  roleLabel: view.role === 'leader' ? LEADER_LABEL : (ROLES.find((r) => r.key === view.role)?.label ?? ''),
  targetName: view.targetName,
  expires: chinaDateTime(view.expiresAt),
});

const idle = (): TargetList => ({ ...notLoaded(), items: [] });

Component({
  behaviors: [textSize],
  data: {
    roles: ROLES,
    role: 'deputy' as BindRole,
    lists: { deputy: idle(), staff: idle(), unit: idle() } as Record<TargetRole, TargetList>,
    query: '',
    shown: [] as DirectoryItem[],
    targetId: '',
    /** The leader preset from their station's edit page. */
    leaderName: '',
    error: '',
    fieldError: '',
    creating: false,
    result: null as Shown | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.role === 'leader' && options.id) {
        this.setData({
          role: 'leader',
          targetId: options.id,
          leaderName: decodeURIComponent(options.name ?? ''),
        });
        return;
      }
      const role = ROLES.find((r) => r.key === options.role)?.key ?? 'deputy';
      this.setData({ role, targetId: options.id ?? '' });
      if (role !== 'office') void this.loadTargets(role);
    },

    onRole(event: WechatMiniprogram.BaseEvent<object, { role: BindRole }>) {
      const role = event.currentTarget.dataset.role;
      if (this.data.creating || role === this.data.role) return;
      this.setData({ role, targetId: '', leaderName: '', query: '', error: '', fieldError: '' });
      if (role === 'office' || role === 'leader') return;
      if (this.data.lists[role].status === 'ready') this.refresh();
      else void this.loadTargets(role);
    },

    /** Whom a role can bind to: the directory's active records. */
    async loadTargets(role: TargetRole) {
      await loadInto(
        this,
        `lists.${role}`,
        async () => {
          const view = await office.directory(role);
          this.setData({ [`lists.${role}.items`]: view.items.filter((i) => i.active) });
        },
        false,
      );
      this.refresh();
    },

    refresh() {
      const { role, query } = this.data;
      this.setData({
        shown:
          role === 'office' || role === 'leader'
            ? []
            : this.data.lists[role].items.filter((i) => matchesSearch(i, query)),
      });
    },

    onRetryTargets() {
      const { role } = this.data;
      if (role !== 'office' && role !== 'leader') void this.loadTargets(role);
    },

    onSearch(event: WechatMiniprogram.Input) {
      this.setData({ query: event.detail.value });
      this.refresh();
    },

    onTarget(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      if (this.data.creating) return;
      this.setData({ targetId: event.currentTarget.dataset.id, fieldError: '', error: '' });
    },

    /** One call however often it is tapped: a second tap while the first is on its way does nothing. */
    onCreate() {
      if (this.data.creating) return;
      const { role, targetId } = this.data;
      if (role !== 'office' && !targetId) {
        this.setData({ fieldError: PICK_MESSAGE[role] });
        return;
      }
      this.setData({ creating: true, error: '', fieldError: '' });
      void this.create(role, role === 'office' ? undefined : targetId);
    },

    async create(role: BindRole, targetId: string | undefined) {
      try {
        const view = await office.createBindCode(role, targetId);
        this.setData({ creating: false, result: shownOf(view) });
      } catch (error) {
        const shown = shownError(error);
        const fieldError = shown.fields.targetId ?? '';
        this.setData({ creating: false, fieldError, error: fieldError ? '' : shown.message });
      }
    },

    onCopy() {
      const result = this.data.result;
      if (result) void wx.setClipboardData({ data: result.code });
    },

    /** Another code: the one shown is gone for good (it stays valid until used or expired). */
    onAnother() {
      // A leader preset from their station's page stays chosen.
      this.setData({ result: null, targetId: this.data.role === 'leader' ? this.data.targetId : '' });
    },
  },
});
