import type { SuggestionFields } from '../../../../core/api';
import { SUGGESTION_LIMITS, validateSuggestion } from '../../../../core/suggestions';
import { scrollToElement } from '../../../../utils/ui';

/**
 * The office's 代表建议 form on 问题类别: title, 问题, 理由, 建议 and the co-signers (联名代表), for a
 * draft made from a class (`mode="draft"`) and for a draft being changed (`mode="edit"`). It checks
 * what it holds with the same `validateSuggestion` the function uses and shows each refusal at its
 * field (and scrolls to the first); the page sends what `save` gives and passes the function's field
 * errors back through `errors`.
 *
 * `<suggestion-form class="draft-form" mode="draft" value="{{draft}}" signers="{{signers}}"
 * case-nos="{{caseNos}}" busy="{{busy}}" errors="{{errors}}" bind:save="onSave" bind:cancel="…" />`:
 * `save` carries `{ fields }` (SuggestionFields, checked); `cancel` is fired by 取消 (edit only).
 */

export interface FormSigner {
  id: string;
  name: string;
  picked: boolean;
}

type TextField = 'title' | 'problem' | 'reasons' | 'proposal';

const FIELD_ORDER = ['title', 'problem', 'reasons', 'proposal', 'caseNos', 'signerIds'];

const EMPTY = { title: '', problem: '', reasons: '', proposal: '' };

Component({
  options: { addGlobalClass: true },
  properties: {
    mode: { type: String, value: 'draft' },
    value: { type: Object, value: EMPTY },
    signers: { type: Array, value: [] },
    caseNos: { type: Array, value: [] },
    busy: { type: Boolean, value: false },
    /** The function's refusals, by field (INPUT.INVALID). */
    errors: { type: Object, value: {} },
  },
  data: {
    form: { ...EMPTY } as Record<TextField, string>,
    picks: [] as FormSigner[],
    shown: {} as Record<string, string>,
    limits: SUGGESTION_LIMITS,
    givenValue: '',
    givenSigners: '',
  },
  // A page's re-render may set a property again with what it held: only a new draft resets the form.
  observers: {
    value(value: Record<TextField, string> | null) {
      const given = JSON.stringify(value ?? {});
      if (given === this.data.givenValue) return;
      this.setData({ givenValue: given, form: { ...EMPTY, ...(value ?? {}) }, shown: {} });
    },
    signers(signers: FormSigner[]) {
      const given = JSON.stringify(signers);
      if (given === this.data.givenSigners) return;
      this.setData({ givenSigners: given, picks: signers.map((s) => ({ ...s })) });
    },
    errors(errors: Record<string, string> | null) {
      if (errors && Object.keys(errors).length > 0) this.show(errors);
    },
  },
  methods: {
    clear(key: string) {
      if (!this.data.shown[key]) return;
      const shown = { ...this.data.shown };
      delete shown[key];
      this.setData({ shown });
    },

    onText(event: WechatMiniprogram.Input) {
      const field = String(event.currentTarget.dataset.field) as TextField;
      this.setData({ [`form.${field}`]: event.detail.value });
      this.clear(field);
    },

    onSigner(event: WechatMiniprogram.TouchEvent) {
      const id = String(event.currentTarget.dataset.id);
      this.setData({ picks: this.data.picks.map((s) => (s.id === id ? { ...s, picked: !s.picked } : s)) });
      this.clear('signerIds');
    },

    show(errors: Record<string, string>) {
      this.setData({ shown: errors });
      const first = FIELD_ORDER.find((key) => errors[key]);
      if (first) scrollToElement(`.suggestion-form__field-${first}`);
    },

    onSave() {
      if (this.data.busy) return;
      const checked = validateSuggestion({
        ...this.data.form,
        caseNos: this.data.caseNos,
        signerIds: this.data.picks.filter((s) => s.picked).map((s) => s.id),
      });
      if (!checked.ok) {
        this.show(checked.fields ?? { title: checked.message });
        return;
      }
      const fields: SuggestionFields = checked.data;
      this.triggerEvent('save', { fields });
    },

    onCancel() {
      this.triggerEvent('cancel');
    },
  },
});
