import type { SuggestionFields, SuggestionView } from '../../../core/api';
import { chinaDate } from '../../../core/china-time';
import { namedPeriod } from '../../../core/figures';
import { newClientRequestId } from '../../../core/ids';
import { ANSWER_OUTCOME_LABELS, ANSWER_OUTCOMES } from '../../../core/model';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { download } from '../../../services/download';
import * as office from '../../../services/office';
import * as problems from '../../../services/office-problems';
import { shownError } from '../../../utils/errors';
import {
  classItem,
  draftFrom,
  suggestionItem,
  type ClassItem,
  type SuggestionItem,
} from '../../../utils/problem-classes';
import { hideLoading, showLoading, toast } from '../../../utils/ui';
import {
  pickedKeys,
  pickToggled,
  reportItem,
  splitToggled,
  tabOf,
  TABS,
  type ReportItem,
  type Tab,
} from './lists';
import type { FormSigner } from './suggestion-form/index';

/**
 * 问题类别, for the congress office: a period's appeals in classes of problems (label, count, trend,
 * places, keywords), a class's cases and typical appeals, the office's corrections (rename, merge,
 * split), a deputy suggestion (代表建议) drafted from a class, changed while a draft and followed to
 * its answer (the form: `suggestion-form/`, field errors at each field), and the 民情专报 of the
 * period. Opened from the hub, or from the message that a quarter's report is ready
 * (`?tab=reports`). What its lists show is worked out in `lists.ts`.
 */

const rid = () => newClientRequestId(Math.random);

Component({
  behaviors: [loadable, textSize],
  data: {
    tabs: TABS,
    tab: 'classes' as Tab,
    from: '',
    to: '',
    total: 0,
    classes: [] as ClassItem[],
    picked: 0,
    mergeLabel: '',
    selected: null as ClassItem | null,
    renameLabel: '',
    splitLabel: '',
    splitPicked: [] as string[],
    /** The same cases as a lookup, for the ticks: WXML cannot call includes. */
    splitChecked: {} as Record<string, true>,
    drafting: false,
    draft: { title: '', problem: '', reasons: '', proposal: '' },
    draftRequestId: '',
    signers: [] as FormSigner[],
    /** The function's refusals of the suggestion form, by field (shown by the form). */
    formErrors: {} as Record<string, string>,
    editing: false,
    canUpdate: false,
    formError: '',
    suggestions: [] as SuggestionItem[],
    current: null as SuggestionView | null,
    canSubmit: false,
    canAnswer: false,
    answer: { unit: '', text: '', date: '', outcome: 0 },
    outcomes: ANSWER_OUTCOMES.map((o) => ANSWER_OUTCOME_LABELS[o]),
    reports: [] as ReportItem[],
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const quarter = namedPeriod('quarter', chinaDate(Date.now()));
      const tab = tabOf(query.tab);
      this.setData({ from: query.from ?? quarter.from, to: query.to ?? quarter.to, tab });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const { tab, from, to } = this.data;
      if (tab === 'classes') {
        const view = await problems.problemClasses(from, to);
        this.setData({ classes: view.classes.map(classItem), total: view.total, picked: 0, selected: null });
        return view.classes.length > 0 ? 'ready' : 'empty';
      }
      if (tab === 'suggestions') {
        const view = await problems.suggestions();
        this.setData({ suggestions: view.items.map(suggestionItem) });
        this.showSuggestion(null);
        return view.items.length > 0 ? 'ready' : 'empty';
      }
      const view = await problems.publicOpinionReports();
      this.setData({ reports: view.items.map(reportItem) });
      return 'ready';
    },

    onTab(event: WechatMiniprogram.TouchEvent) {
      const tab = event.currentTarget.dataset.tab as Tab;
      if (tab === this.data.tab) return;
      this.setData({ tab, drafting: false, editing: false, formError: '' });
      void this.load();
    },

    onFrom(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const from = event.detail.value;
      this.setData({ from, to: this.data.to < from ? from : this.data.to });
      void this.load();
    },

    onTo(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const to = event.detail.value;
      this.setData({ to, from: this.data.from > to ? to : this.data.from });
      void this.load();
    },

    // ---- classes and their corrections ------------------------------------------------------

    onClass(event: WechatMiniprogram.TouchEvent) {
      const key = String(event.currentTarget.dataset.key);
      const selected = this.data.selected?.key === key ? null : this.data.classes.find((c) => c.key === key);
      this.setData({
        selected: selected ?? null,
        renameLabel: selected?.label ?? '',
        splitLabel: '',
        splitPicked: [],
        splitChecked: {},
        drafting: false,
        formError: '',
      });
    },

    onPick(event: WechatMiniprogram.TouchEvent) {
      const key = String(event.currentTarget.dataset.key);
      this.setData(pickToggled(this.data.classes, key));
    },

    onInput(event: WechatMiniprogram.Input) {
      this.setData({ [String(event.currentTarget.dataset.field)]: event.detail.value, formError: '' });
    },

    onSplitCase(event: WechatMiniprogram.TouchEvent) {
      const caseNo = String(event.currentTarget.dataset.caseNo);
      this.setData(splitToggled(this.data.splitPicked, caseNo));
    },

    async correct(input: Parameters<typeof problems.correctClasses>[0], done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        await problems.correctClasses(input);
        this.setData({ busy: false, mergeLabel: '' });
        toast(done, 'success');
        await this.refresh();
      } catch (error) {
        this.setData({ busy: false, formError: shownError(error).message });
      }
    },

    onRename() {
      const { selected, renameLabel } = this.data;
      if (!selected) return;
      void this.correct(
        { kind: 'rename', key: selected.key, label: renameLabel, clientRequestId: rid() },
        '已改名',
      );
    },

    onMerge() {
      const keys = pickedKeys(this.data.classes);
      if (keys.length < 2) {
        this.setData({ formError: '请至少选择两个类别再合并' });
        return;
      }
      const label = this.data.mergeLabel.trim();
      void this.correct(
        { kind: 'merge', keys, clientRequestId: rid(), ...(label ? { label } : {}) },
        '已合并',
      );
    },

    onSplit() {
      const { selected, splitPicked, splitLabel } = this.data;
      if (!selected) return;
      if (splitPicked.length === 0) {
        this.setData({ formError: '请勾选要拆出的诉求' });
        return;
      }
      void this.correct(
        { kind: 'split', key: selected.key, caseNos: splitPicked, label: splitLabel, clientRequestId: rid() },
        '已拆分',
      );
    },

    // ---- a suggestion drafted from a class ---------------------------------------------------

    async onDraft() {
      const { selected, from, to } = this.data;
      if (!selected) return;
      try {
        const signers = await this.signersOf([]);
        this.setData({
          drafting: true,
          draft: draftFrom(selected, from, to),
          draftRequestId: rid(),
          signers,
          formErrors: {},
          formError: '',
        });
      } catch (error) {
        toast(shownError(error).message);
      }
    },

    /** The active deputies as signers, those named already picked. */
    async signersOf(picked: readonly string[]): Promise<FormSigner[]> {
      const deputies = await office.directory('deputy');
      return deputies.items
        .filter((d) => d.active || picked.includes(d.id))
        .map((d) => ({ id: d.id, name: d.name, picked: picked.includes(d.id) }));
    },

    /** Sends the form's fields; the function's field errors go back to the form. */
    async saveForm(send: (fields: SuggestionFields) => Promise<SuggestionView>, fields: SuggestionFields) {
      if (this.data.busy) return null;
      this.setData({ busy: true, formErrors: {}, formError: '' });
      try {
        const view = await send(fields);
        this.setData({ busy: false });
        return view;
      } catch (error) {
        const shown = shownError(error);
        const fieldErrors = Object.keys(shown.fields).length > 0;
        this.setData({
          busy: false,
          formErrors: fieldErrors ? shown.fields : {},
          formError: fieldErrors ? '' : shown.message,
        });
        return null;
      }
    },

    async onDraftSave(event: WechatMiniprogram.CustomEvent<{ fields: SuggestionFields }>) {
      const { selected, from, to } = this.data;
      if (!selected) return;
      const saved = await this.saveForm(
        (fields) =>
          problems.draftSuggestion({
            ...fields,
            classKey: selected.key,
            classLabel: selected.label,
            from,
            to,
            clientRequestId: this.data.draftRequestId,
          }),
        event.detail.fields,
      );
      if (!saved) return;
      this.setData({ drafting: false, tab: 'suggestions' });
      toast('已起草，已请代表确认联名', 'success');
      await this.load();
    },

    // ---- changing a draft ---------------------------------------------------------------------

    async onEditSuggestion() {
      const current = this.data.current;
      if (!current) return;
      try {
        const signers = await this.signersOf(current.signerIds);
        this.setData({
          editing: true,
          draft: {
            title: current.title,
            problem: current.problem,
            reasons: current.reasons,
            proposal: current.proposal,
          },
          draftRequestId: rid(),
          signers,
          formErrors: {},
          formError: '',
        });
      } catch (error) {
        toast(shownError(error).message);
      }
    },

    onEditCancel() {
      this.setData({ editing: false, formErrors: {}, formError: '' });
    },

    async onEditSave(event: WechatMiniprogram.CustomEvent<{ fields: SuggestionFields }>) {
      const current = this.data.current;
      if (!current) return;
      const saved = await this.saveForm(
        (fields) =>
          problems.updateSuggestion({
            ...fields,
            id: current.id,
            version: current.version,
            clientRequestId: this.data.draftRequestId,
          }),
        event.detail.fields,
      );
      if (!saved) return;
      this.setData({ editing: false });
      this.showSuggestion(saved);
      toast('已保存修改，已请代表重新确认联名', 'success');
      const list = await problems.suggestions();
      this.setData({ suggestions: list.items.map(suggestionItem) });
    },

    // ---- suggestions -----------------------------------------------------------------------

    async onSuggestion(event: WechatMiniprogram.TouchEvent) {
      const id = String(event.currentTarget.dataset.id);
      if (this.data.current?.id === id) {
        this.showSuggestion(null);
        return;
      }
      try {
        this.showSuggestion(await problems.suggestion(id));
        this.setData({
          answer: { unit: '', text: '', date: chinaDate(Date.now()), outcome: 0 },
          formError: '',
        });
      } catch (error) {
        toast(shownError(error).message);
      }
    },

    async changeSuggestion(change: () => Promise<SuggestionView>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const current = await change();
        this.showSuggestion(current);
        this.setData({ busy: false });
        toast(done, 'success');
        const list = await problems.suggestions();
        this.setData({ suggestions: list.items.map(suggestionItem) });
      } catch (error) {
        this.setData({ busy: false, formError: shownError(error).message });
      }
    },

    showSuggestion(current: SuggestionView | null) {
      this.setData({
        current,
        canSubmit: current?.actions.includes('submit') ?? false,
        canUpdate: current?.actions.includes('update') ?? false,
        editing: false,
        canAnswer: current?.actions.includes('recordAnswer') ?? false,
      });
    },

    onSubmitSuggestion() {
      const current = this.data.current;
      if (current) void this.changeSuggestion(() => problems.submitSuggestion(current.id, rid()), '已提交');
    },

    onAnswerInput(event: WechatMiniprogram.Input) {
      this.setData({
        [`answer.${String(event.currentTarget.dataset.field)}`]: event.detail.value,
        formError: '',
      });
    },

    onAnswerOutcome(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'answer.outcome': Number(event.detail.value) });
    },

    onAnswerDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'answer.date': event.detail.value });
    },

    onRecordAnswer() {
      const { current, answer } = this.data;
      if (!current) return;
      void this.changeSuggestion(
        () =>
          problems.recordSuggestionAnswer({
            id: current.id,
            unit: answer.unit,
            text: answer.text,
            date: answer.date,
            outcome: ANSWER_OUTCOMES[answer.outcome],
            clientRequestId: rid(),
          }),
        '已登记答复',
      );
    },

    // ---- 民情专报 --------------------------------------------------------------------------

    async onMakeReport() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const job = await problems.publicOpinionReport(this.data.from, this.data.to);
        this.setData({ busy: false });
        toast(
          job.status === 'done' ? '已生成' : '正在生成，稍后在列表中查看',
          job.status === 'done' ? 'success' : 'none',
        );
        await this.refresh();
      } catch (error) {
        this.setData({ busy: false });
        toast(shownError(error).message);
      }
    },

    async onReport(event: WechatMiniprogram.TouchEvent) {
      const url = event.currentTarget.dataset.url as string | null;
      if (!url) return;
      showLoading('正在打开');
      try {
        const filePath = await download(url);
        hideLoading();
        await wx.openDocument({ filePath, fileType: 'pdf', showMenu: true });
      } catch (error) {
        hideLoading();
        toast(shownError(error).message || '打开失败，请重试');
      }
    },
  },
});
