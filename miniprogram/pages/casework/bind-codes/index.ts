import type { BindCodeView, BindRole, UnitView } from '../../../core/api';
import { chinaDateTime } from '../../../core/text';
import * as admin from '../../../services/admin';
import * as casework from '../../../services/casework';
import { canRetry, shownError } from '../../../utils/errors';

/**
 * 生成绑定码, for the congress office (代表工委): pick a role and whom it binds to, get a one-time
 * code (expiring, single use) to hand to that person, who enters it on pages/bind. The code is
 * shown once, large and grouped, with its expiry and a copy button: the function stores only its
 * hash, so it cannot be shown again.
 *
 * Handling units are picked from `casework.units`. The contract has no list of deputies or
 * stations, so for those the office types the record's id (deputy-lin, station-gulou-home);
 * the function checks it and names the person or station in the answer.
 */

type UnitsStatus = 'idle' | 'loading' | 'ready' | 'error';

const ROLES: Array<{ key: BindRole; label: string }> = [
  { key: 'deputy', label: '代表' },
  { key: 'staff', label: '联络站工作人员' },
  { key: 'unit', label: '承办单位' },
  { key: 'office', label: '代表工委' },
];

const ID_HINTS: Partial<Record<BindRole, { label: string; placeholder: string; hint: string }>> = {
  deputy: {
    label: '代表编号',
    placeholder: '如 deputy-lin',
    hint: '请输入代表在系统中的编号（不是代表码 D00001）；生成后会显示代表姓名，请核对。',
  },
  staff: {
    label: '联络站编号',
    placeholder: '如 station-gulou-home',
    hint: '请输入联络站在系统中的编号（不是站点码 S0001）；生成后会显示联络站名称，请核对。',
  },
};

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
  roleLabel: ROLES.find((r) => r.key === view.role)?.label ?? '',
  targetName: view.targetName,
  expires: chinaDateTime(view.expiresAt),
});

Component({
  data: {
    roles: ROLES,
    role: 'deputy' as BindRole,
    idField: ID_HINTS.deputy ?? null,
    targetId: '',
    units: [] as UnitView[],
    unitsStatus: 'idle' as UnitsStatus,
    unitsMessage: '',
    unitsRetryable: true,
    unitId: '',
    error: '',
    fieldError: '',
    creating: false,
    result: null as Shown | null,
  },
  methods: {
    onRole(event: WechatMiniprogram.BaseEvent<object, { role: BindRole }>) {
      const role = event.currentTarget.dataset.role;
      if (this.data.creating || role === this.data.role) return;
      this.setData({
        role,
        idField: ID_HINTS[role] ?? null,
        targetId: '',
        unitId: '',
        error: '',
        fieldError: '',
      });
      if (role === 'unit' && this.data.unitsStatus !== 'ready') void this.loadUnits();
    },

    async loadUnits() {
      this.setData({ unitsStatus: 'loading' });
      try {
        const units = await casework.units();
        this.setData({ units, unitsStatus: 'ready' });
      } catch (error) {
        const shown = shownError(error);
        this.setData({ unitsStatus: 'error', unitsMessage: shown.message, unitsRetryable: canRetry(shown) });
      }
    },

    onRetryUnits() {
      void this.loadUnits();
    },

    onUnit(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      if (this.data.creating) return;
      this.setData({ unitId: event.currentTarget.dataset.id, fieldError: '', error: '' });
    },

    onTargetId(event: WechatMiniprogram.Input) {
      this.setData({ targetId: event.detail.value.trim(), fieldError: '', error: '' });
    },

    /** One call however often it is tapped: a second tap while the first is on its way does nothing. */
    onCreate() {
      if (this.data.creating) return;
      const { role } = this.data;
      const targetId =
        role === 'office' ? undefined : role === 'unit' ? this.data.unitId : this.data.targetId;
      if (targetId === '') {
        this.setData({
          fieldError: role === 'unit' ? '请选择承办单位' : `请输入${ID_HINTS[role]?.label ?? '绑定对象'}`,
        });
        return;
      }
      this.setData({ creating: true, error: '', fieldError: '' });
      void this.create(role, targetId);
    },

    async create(role: BindRole, targetId: string | undefined) {
      try {
        const view = await admin.createBindCode(role, targetId);
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
      this.setData({ result: null, targetId: '', unitId: '' });
    },
  },
});
