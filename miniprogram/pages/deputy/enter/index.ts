import type { CategoryView, PlaceInput } from '../../../core/api';
import {
  ENTRY_SOURCE_LABELS,
  ENTRY_SOURCES,
  validateDeputyEntry,
  type EntrySource,
} from '../../../core/deputy-entry';
import { newClientRequestId } from '../../../core/ids';
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from '../../../core/model';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as deputy from '../../../services/deputy';
import * as resident from '../../../services/resident';
import { shownError } from '../../../utils/errors';
import { isCancel } from '../../../utils/format';
import { hideLoading, redirect, scrollToElement, showLoading, toast } from '../../../utils/ui';

/**
 * 代表录入: what a deputy heard in person or by phone, entered in a minute from the inbox — 来源,
 * what, category, where (optional), the resident's name and phone (optional). It becomes a case the
 * deputy has accepted (`deputy.enterCase`), and the page opens it. The request id is made once per
 * form, so a retried 提交 after a bad connection never enters the case twice.
 */

interface EntryForm {
  source: EntrySource | '';
  kind: CaseKind | '';
  category: string;
  description: string;
  location: PlaceInput | null;
  contactName: string;
  phone: string;
}

const emptyForm = (): EntryForm => ({
  source: '',
  kind: '',
  category: '',
  description: '',
  location: null,
  contactName: '',
  phone: '',
});

Component({
  behaviors: [loadable, textSize],
  data: {
    sources: ENTRY_SOURCES.map((key) => ({ key, label: ENTRY_SOURCE_LABELS[key] })),
    kinds: CASE_KINDS.map((key) => ({ key, label: CASE_KIND_LABELS[key] })),
    categories: [] as CategoryView[],
    categoryName: '',
    form: emptyForm(),
    errors: {} as Record<string, string>,
    clientRequestId: '',
    sending: false,
  },
  methods: {
    onLoad() {
      this.setData({ clientRequestId: newClientRequestId(Math.random) });
      void this.load();
    },

    /** The categories, as the deputy's own page lists them to residents. */
    async fetch() {
      const { code } = await deputy.myCode();
      const landing = await resident.landing({ type: 'deputy', code });
      this.setData({ categories: landing.categories });
    },

    change(patch: Partial<EntryForm>) {
      const form = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      for (const key of Object.keys(patch)) delete errors[key];
      this.setData({ form, errors });
    },

    onSource(event: WechatMiniprogram.TouchEvent) {
      this.change({ source: event.currentTarget.dataset.source as EntrySource });
    },

    onKind(event: WechatMiniprogram.TouchEvent) {
      this.change({ kind: event.currentTarget.dataset.kind as CaseKind });
    },

    onCategory(event: WechatMiniprogram.PickerChange) {
      const category = this.data.categories[Number(event.detail.value)];
      if (!category) return;
      this.setData({ categoryName: category.name });
      this.change({ category: category.key });
    },

    onDescription(event: WechatMiniprogram.Input) {
      this.change({ description: event.detail.value });
    },

    onContactName(event: WechatMiniprogram.Input) {
      this.change({ contactName: event.detail.value });
    },

    onPhone(event: WechatMiniprogram.Input) {
      this.change({ phone: event.detail.value });
    },

    async onPickLocation() {
      try {
        const place = await wx.chooseLocation({});
        this.change({
          location: {
            latitude: place.latitude,
            longitude: place.longitude,
            name: place.name,
            address: place.address,
          },
        });
      } catch (error) {
        if (!isCancel(error)) toast('无法选择位置，请检查定位权限');
      }
    },

    onClearLocation() {
      this.change({ location: null });
    },

    input() {
      const { form, clientRequestId } = this.data;
      return { ...form, clientRequestId };
    },

    showErrors(errors: Record<string, string>) {
      this.setData({ errors });
      const first = ['source', 'kind', 'category', 'description', 'location', 'contactName', 'phone'].find(
        (key) => errors[key],
      );
      if (first) scrollToElement(`#field-${first}`);
      else toast(Object.values(errors)[0] ?? '请检查填写的内容');
    },

    async onSubmit() {
      if (this.data.sending) return;
      const checked = validateDeputyEntry(this.input());
      if (!checked.ok) {
        this.showErrors(checked.fields ?? {});
        return;
      }
      this.setData({ sending: true });
      showLoading('正在录入');
      try {
        const result = await deputy.enterCase(checked.data);
        hideLoading();
        toast('已录入并受理', 'success');
        redirect(`/pages/deputy/case/index?id=${result.caseId}`);
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
