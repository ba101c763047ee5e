import type { SuggestionFields, SuggestionView } from '../../../core/api';
import { CASE_NO_PATTERN } from '../../../core/case-number';
import { newClientRequestId } from '../../../core/ids';
import { SUGGESTION_LIMITS, validateSuggestion } from '../../../core/suggestions';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as deputy from '../../../services/deputy';
import * as suggestions from '../../../services/deputy-suggestions';
import * as resident from '../../../services/resident';
import { apiError } from '../../../services/api';
import { shownError } from '../../../utils/errors';
import { hideLoading, redirect, scrollToElement, showLoading, toast } from '../../../utils/ui';

/**
 * 起草代表建议 / 修改建议, for a deputy: title, 问题, 理由, 建议, the appeals as evidence (受理编号,
 * prefilled with the case it was opened from, `?caseNo=`), and the co-signers (联名代表) picked from
 * the deputy's station; the deputy is the lead signer. `?id=` edits the deputy's own draft
 * (`deputy.updateSuggestion`, compare-and-set on the version shown). The request id is made once per
 * form, so a retried 保存 after a bad connection never drafts twice.
 */

interface Signer {
  id: string;
  name: string;
  picked: boolean;
  /** The deputy themselves: always the lead signer. */
  own: boolean;
}

type TextField = 'title' | 'problem' | 'reasons' | 'proposal';

const FIELD_ORDER = ['title', 'problem', 'reasons', 'proposal', 'caseNos', 'signerIds'];

function signerList(
  me: { id: string; name: string },
  colleagues: Array<{ id: string; name: string }>,
  named: Array<{ deputyId: string; name: string }>,
): Signer[] {
  const picked = new Set(named.map((s) => s.deputyId));
  const list: Signer[] = [{ id: me.id, name: me.name, picked: true, own: true }];
  for (const s of named)
    if (s.deputyId !== me.id) list.push({ id: s.deputyId, name: s.name, picked: true, own: false });
  for (const c of colleagues)
    if (c.id !== me.id && !picked.has(c.id)) list.push({ id: c.id, name: c.name, picked: false, own: false });
  return list;
}

Component({
  behaviors: [loadable, textSize],
  data: {
    editingId: '',
    editing: null as SuggestionView | null,
    form: { title: '', problem: '', reasons: '', proposal: '' } as Record<TextField, string>,
    caseNos: [] as string[],
    caseNoInput: '',
    signers: [] as Signer[],
    limits: SUGGESTION_LIMITS,
    errors: {} as Record<string, string>,
    clientRequestId: '',
    sending: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const caseNo = query.caseNo ?? '';
      this.setData({
        clientRequestId: newClientRequestId(Math.random),
        caseNos: CASE_NO_PATTERN.test(caseNo) ? [caseNo] : [],
        editingId: query.id ?? '',
      });
      void this.load();
    },

    /** Who the deputy is and their station's deputies; the draft as it stands when editing. */
    async fetch() {
      const [me, duties] = await Promise.all([resident.me(), deputy.duties()]);
      const role = me.roles.find((r) => r.role === 'deputy');
      if (role?.role !== 'deputy') throw apiError('AUTH.FORBIDDEN', '只有代表可以起草代表建议');
      const own = { id: role.deputyId, name: role.name };
      const id = this.data.editingId;
      if (!id) {
        this.setData({ signers: signerList(own, duties.colleagues, []) });
        return;
      }
      const view = await suggestions.suggestion(id);
      if (!view.actions.includes('update'))
        throw apiError('SUGGESTION.STATUS', '这份建议已不能修改（已提交，或不是您起草的）');
      this.setData({
        editing: view,
        form: { title: view.title, problem: view.problem, reasons: view.reasons, proposal: view.proposal },
        caseNos: view.caseNos,
        signers: signerList(own, duties.colleagues, view.signers),
      });
    },

    clearError(...keys: string[]) {
      const errors = { ...this.data.errors };
      for (const key of keys) delete errors[key];
      this.setData({ errors });
    },

    onText(event: WechatMiniprogram.Input) {
      const field = String(event.currentTarget.dataset.field) as TextField;
      this.setData({ [`form.${field}`]: event.detail.value });
      this.clearError(field);
    },

    onCaseNoInput(event: WechatMiniprogram.Input) {
      this.setData({ caseNoInput: event.detail.value });
    },

    onAddCaseNo() {
      const caseNo = this.data.caseNoInput.trim();
      if (!CASE_NO_PATTERN.test(caseNo)) {
        this.setData({ errors: { ...this.data.errors, caseNos: '受理编号应像 20260106-0001-0001 这样' } });
        return;
      }
      const caseNos = this.data.caseNos.includes(caseNo) ? this.data.caseNos : [...this.data.caseNos, caseNo];
      this.setData({ caseNos, caseNoInput: '' });
      this.clearError('caseNos');
    },

    onRemoveCaseNo(event: WechatMiniprogram.TouchEvent) {
      const caseNo = String(event.currentTarget.dataset.caseNo);
      this.setData({ caseNos: this.data.caseNos.filter((n) => n !== caseNo) });
    },

    onSigner(event: WechatMiniprogram.TouchEvent) {
      const id = String(event.currentTarget.dataset.id);
      this.setData({
        signers: this.data.signers.map((s) => (s.id === id && !s.own ? { ...s, picked: !s.picked } : s)),
      });
      this.clearError('signerIds');
    },

    fields(): SuggestionFields {
      const { form, caseNos, signers } = this.data;
      return { ...form, caseNos, signerIds: signers.filter((s) => s.picked).map((s) => s.id) };
    },

    showErrors(errors: Record<string, string>) {
      this.setData({ errors });
      const first = FIELD_ORDER.find((key) => errors[key]);
      if (first) scrollToElement(`#field-${first}`);
      else toast(Object.values(errors)[0] ?? '请检查填写的内容');
    },

    async onSave() {
      if (this.data.sending) return;
      const checked = validateSuggestion({ ...this.fields() });
      if (!checked.ok) {
        this.showErrors(checked.fields ?? {});
        return;
      }
      const { editing, clientRequestId } = this.data;
      this.setData({ sending: true });
      showLoading('正在保存');
      try {
        const view = editing
          ? await suggestions.updateSuggestion({
              ...checked.data,
              id: editing.id,
              version: editing.version,
              clientRequestId,
            })
          : await suggestions.draftSuggestion({ ...checked.data, clientRequestId });
        hideLoading();
        const asked = view.signers.some((s) => s.signedAt === null);
        toast(asked ? '已保存，已请联名代表确认' : '已保存', 'success');
        redirect(`/pages/deputy/suggestions/index?id=${view.id}`);
      } catch (error) {
        hideLoading();
        const shown = shownError(error);
        if (Object.keys(shown.fields).length > 0) this.showErrors(shown.fields);
        else toast(shown.message);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
