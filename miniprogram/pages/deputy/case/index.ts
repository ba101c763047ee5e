import type { ActInput, CaseworkView, UnitView } from '../../../core/api';
import { newClientRequestId } from '../../../core/ids';
import { actionLabel } from '../../../core/lifecycle';
import {
  CLOSE_REASON_LABELS,
  RATING_LABELS,
  ROUTE_LABELS,
  isOpen,
  type CaseAction,
  type AnswerOutcome,
  type RouteKind,
} from '../../../core/model';
import { SUBSCRIBE_ON_DEPUTY_ACTION } from '../../../core/notifications';
import type { ErrorCode } from '../../../core/result';
import { LIMITS } from '../../../core/submit';
import { UNCOVERED_NOTE } from '../../../components/deadline-badge/labels';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as casework from '../../../services/casework';
import * as deputy from '../../../services/deputy';
import * as resident from '../../../services/resident';
import { askConsent } from '../../../services/consent';
import { linkedId, shownError } from '../../../utils/errors';
import {
  NOT_ON_THIS_PAGE,
  NO_ERRORS,
  OUTCOME_CHOICES,
  ROUTE_CHOICES,
  check,
  countOf,
  errorsFrom,
  formFor,
  hasErrors,
  inputOf,
  needsForm,
  noteLimitMessage,
  prioritised,
  unitsFor,
  type ActForm,
  type ActionButton,
} from './act-form';
import { chinaDateTime } from '../../../core/china-time';
import { alert, navigate, scrollToElement, toast } from '../../../utils/ui';
import { addPhrase, insertPhrase, PHRASE_ACTIONS, type PhraseChip, phraseChips } from './phrases';
import { voiceRows } from '../../../utils/voice-upload';

/**
 * A case as whoever handles it sees it (a deputy, station staff, a handling unit, the office): the
 * resident's contact (when given), the place, the route, the deadline, the history, and the actions
 * the function allows this caller now (`view.actions`), each behind a button. Options: `id`.
 *
 * The next action (答复 when allowed) is the main button of a bar fixed at the bottom (above the
 * phone's home indicator); the rarer ones are under 更多, a sheet listing each with what it does in one
 * line. An action that takes a note, a route or an earlier case opens a form near the top of the page,
 * scrolled to; 解释说明 and 合并 are confirmed first. A deputy's answer box offers 常用语 (their own
 * and the defaults, `deputy.replyPhrases`): a tap inserts one, and 存为常用语 keeps the text typed. Every act is safe to retry: its clientRequestId is made once per
 * attempt (the same action with the same answers) and sent again on a retry, so a retry after a
 * lost answer does not act twice. When someone else moved the case first (CONFLICT), the page says
 * so and shows the case as it now stands.
 */

/** Failures that mean the case is no longer where this page thought it was. */
const STALE: readonly ErrorCode[] = ['CONFLICT', 'CASE.TRANSITION_FORBIDDEN'];

type UnitsStatus = 'idle' | 'loading' | 'ready' | 'error';

Component({
  behaviors: [loadable, textSize],
  data: {
    caseId: '',
    view: null as CaseworkView | null,
    /** The case's voice notes (声音留言), as components/voice-list plays them. */
    voiceRows: [] as ReturnType<typeof voiceRows>,
    createdAt: '',
    routeText: '',
    showDeadline: false,
    uncoveredNote: UNCOVERED_NOTE,
    ratingLabel: '',
    reviewNote: '',
    closedByLabel: '',
    actions: [] as CaseAction[],
    /** The main button (答复 when allowed), then the others grouped under 其他办理. */
    primary: null as ActionButton | null,
    others: [] as ActionButton[],
    form: null as ActForm | null,
    noteMax: LIMITS.replyMax,
    routeChoices: ROUTE_CHOICES,
    outcomeChoices: OUTCOME_CHOICES,
    acting: false,
    units: [] as UnitView[],
    unitsStatus: 'idle' as UnitsStatus,
    /** The input last sent and its clientRequestId, reused while the same input is sent again. */
    attempt: { key: '', clientRequestId: '' },
    /** 更多: the sheet of the rarer actions is open. */
    sheetOpen: false,
    /** 常用语: asked for when a form that takes an answer first opens; none for those not deputies. */
    phrasesStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'none',
    phrases: [] as PhraseChip[],
    ownPhrases: [] as string[],
    /** The caller's deputy id ('' when not a deputy), asked once; null until then. */
    ownDeputyId: null as string | null,
    /** 以此起草代表建议: only for the deputy the case is addressed to. */
    canDraftSuggestion: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ caseId: options.id ?? '' });
      void this.load();
    },

    async fetch() {
      this.show(await casework.caseDetail(linkedId(this.data.caseId, '没有找到这条诉求')));
      await this.checkDrafter();
    },

    /** Whether the caller is the deputy this case is addressed to (staff and units see no 起草建议). */
    async checkDrafter() {
      let own = this.data.ownDeputyId;
      if (own === null) {
        const me = await resident.me().catch(() => null);
        const role = me?.roles.find((r) => r.role === 'deputy');
        own = role?.role === 'deputy' ? role.deputyId : '';
        this.setData({ ownDeputyId: own });
      }
      this.setData({ canDraftSuggestion: !!own && this.data.view?.deputy?.id === own });
    },

    show(view: CaseworkView) {
      const allowed = view.actions.filter((action) => !NOT_ON_THIS_PAGE.includes(action));
      const { primary, others } = prioritised(allowed);
      const form = this.data.form;
      this.setData({
        view,
        voiceRows: voiceRows(view.voiceNotes),
        createdAt: chinaDateTime(view.createdAt),
        routeText: [view.route ? ROUTE_LABELS[view.route] : '', view.unit?.name ?? '']
          .filter(Boolean)
          .join(' · '),
        // A stopped clock (answered, declined, merged) keeps its date for the records, not for the screen.
        showDeadline: !!view.deadline && isOpen(view.status),
        ratingLabel: view.rating ? RATING_LABELS[view.rating] : '',
        // What WeChat's text check sent to a person (decision 0015): read it before passing it on.
        reviewNote: view.contentReview.length
          ? `待人工复核：${view.contentReview.join('、')}经微信内容安全检查提示需人工确认，转交前请核实`
          : '',
        closedByLabel: view.status === 'closed' && view.closedBy ? CLOSE_REASON_LABELS[view.closedBy] : '',
        actions: allowed,
        primary,
        others,
        // An open form stays only while its action is still allowed.
        form: form && view.actions.includes(form.action) ? form : null,
      });
    },

    /** A similar case was linked or this one merged (similar-cases): show the case as it now stands. */
    onSimilarChanged() {
      void this.load();
    },

    /** 以此起草代表建议: the suggestion form, this case already its evidence. */
    onDraftSuggestion() {
      const caseNo = this.data.view?.caseNo;
      if (caseNo) navigate(`/pages/deputy/suggestion-edit/index?caseNo=${caseNo}`);
    },

    onCall() {
      const phone = this.data.view?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
    },

    onOpenLocation() {
      const place = this.data.view?.location;
      if (!place) return;
      wx.openLocation({
        latitude: place.latitude,
        longitude: place.longitude,
        name: place.name ?? '',
        address: place.address ?? '',
        scale: 16,
      }).catch(() => toast('无法打开地图'));
    },

    /** An action button: opens (or closes) its form, or acts at once when there is nothing to ask. */
    onAction(event: WechatMiniprogram.BaseEvent<object, { action: CaseAction }>) {
      if (this.data.acting) return;
      const action = event.currentTarget.dataset.action;
      this.setData({ sheetOpen: false });
      if (needsForm(action)) {
        const opening = this.data.form?.action !== action;
        this.setData({ form: opening ? formFor(action) : null });
        if (opening) {
          scrollToElement('#act-form');
          if (PHRASE_ACTIONS.includes(action) && this.data.phrasesStatus === 'idle') void this.loadPhrases();
        }
        return;
      }
      this.setData({ form: null });
      this.start({ caseId: this.data.caseId, action });
    },

    onMore() {
      this.setData({ sheetOpen: !this.data.sheetOpen });
    },

    onCloseSheet() {
      this.setData({ sheetOpen: false });
    },

    async loadPhrases() {
      this.setData({ phrasesStatus: 'loading' });
      try {
        const view = await deputy.replyPhrases();
        this.setData({ phrasesStatus: 'ready', ownPhrases: view.own, phrases: phraseChips(view) });
      } catch {
        // Not a deputy (staff, a unit, the office), or no connection: the answer box works without.
        this.setData({ phrasesStatus: 'none' });
      }
    },

    /** A phrase tapped: into the answer box, after what is there. */
    onPhrase(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const chip = this.data.phrases[Number(event.currentTarget.dataset.index)];
      if (!chip || !this.data.form) return;
      this.onNote({
        detail: { value: insertPhrase(this.data.form.note, chip.text) },
      } as WechatMiniprogram.TextareaInput);
    },

    /** 存为常用语: the text typed joins the deputy's own phrases. */
    async onSavePhrase() {
      const added = addPhrase(this.data.ownPhrases, this.data.form?.note ?? '');
      if (typeof added === 'string') {
        toast(added);
        return;
      }
      try {
        const view = await deputy.saveReplyPhrases(added);
        this.setData({ ownPhrases: view.own, phrases: phraseChips(view) });
        toast('已存为常用语', 'success');
      } catch (error) {
        toast(shownError(error).message);
      }
    },

    /** Long-pressing one of the deputy's own phrases offers to remove it. */
    async onRemovePhrase(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const chip = this.data.phrases[Number(event.currentTarget.dataset.index)];
      if (!chip?.own) return;
      const answer = await wx.showModal({
        title: '删除这条常用语？',
        content: chip.text,
        confirmText: '删除',
        cancelText: '保留',
      });
      if (!answer.confirm) return;
      try {
        const view = await deputy.saveReplyPhrases(this.data.ownPhrases.filter((text) => text !== chip.text));
        this.setData({ ownPhrases: view.own, phrases: phraseChips(view) });
      } catch (error) {
        toast(shownError(error).message);
      }
    },

    onCancelForm() {
      if (!this.data.acting) this.setData({ form: null });
    },

    onNote(event: WechatMiniprogram.TextareaInput) {
      const note = event.detail.value;
      const count = countOf(note);
      this.setData({
        'form.note': note,
        'form.noteCount': count,
        'form.errors.note': noteLimitMessage(count),
      });
    },

    onRoute(event: WechatMiniprogram.BaseEvent<object, { route: RouteKind }>) {
      const route = event.currentTarget.dataset.route;
      this.setData({
        'form.route': route,
        'form.unitId': '',
        'form.unitName': '',
        'form.unitOptions': unitsFor(route, this.data.units),
        'form.errors.route': '',
        'form.errors.unitId': '',
      });
      if (route !== 'direct' && this.data.unitsStatus !== 'ready') void this.loadUnits();
    },

    onOutcome(event: WechatMiniprogram.BaseEvent<object, { outcome: AnswerOutcome }>) {
      this.setData({ 'form.outcome': event.currentTarget.dataset.outcome, 'form.errors.outcome': '' });
    },

    /** The handling units, asked for once, the first time a route needs one. */
    async loadUnits() {
      if (this.data.unitsStatus === 'loading') return;
      this.setData({ unitsStatus: 'loading' });
      try {
        const units = await casework.units();
        this.setData({ units, unitsStatus: 'ready' });
        if (this.data.form?.action === 'route')
          this.setData({ 'form.unitOptions': unitsFor(this.data.form.route, units) });
      } catch (error) {
        this.setData({ unitsStatus: 'error' });
        if (this.data.form) this.setData({ 'form.errors.unitId': shownError(error).message });
      }
    },

    onUnit(event: WechatMiniprogram.PickerChange) {
      const unit = this.data.form?.unitOptions[Number(event.detail.value)];
      if (!unit) return;
      this.setData({ 'form.unitId': unit.id, 'form.unitName': unit.name, 'form.errors.unitId': '' });
    },

    onIntoCase(event: WechatMiniprogram.Input) {
      this.setData({ 'form.intoCaseId': event.detail.value, 'form.errors.intoCaseId': '' });
    },

    onSubmitForm() {
      const form = this.data.form;
      if (this.data.acting || !form) return;
      const errors = check(form);
      if (hasErrors(errors)) {
        this.setData({ 'form.errors': errors });
        return;
      }
      this.setData({ 'form.errors': { ...NO_ERRORS } });
      this.start(inputOf(this.data.caseId, form), form.confirm);
    },

    /**
     * Synchronous up to the subscribe request, which WeChat only shows from a tap before any await.
     * The clientRequestId is the last attempt's when the same input goes again.
     */
    start(input: Omit<ActInput, 'clientRequestId'>, confirm = false) {
      const key = JSON.stringify(input);
      const clientRequestId =
        this.data.attempt.key === key && this.data.attempt.clientRequestId
          ? this.data.attempt.clientRequestId
          : newClientRequestId(Math.random);
      // Declining or merging ends the case for its handler: nothing more to be told, so no dialog
      // before the confirmation.
      if (!confirm) void askConsent(SUBSCRIBE_ON_DEPUTY_ACTION);
      this.setData({ acting: true, attempt: { key, clientRequestId } });
      void this.act({ ...input, clientRequestId }, confirm);
    },

    async act(input: ActInput, confirm: boolean) {
      if (confirm) {
        const label = actionLabel(input.action);
        const answer = await wx.showModal({
          title: `确认${label}？`,
          content:
            input.action === 'merge'
              ? '合并后这条诉求不再单独办理，两条诉求的群众都会收到通知。'
              : '解释说明后这条诉求即告办结，群众会收到您的说明。',
          confirmText: label,
          cancelText: '再想想',
        });
        if (!answer.confirm) {
          this.setData({ acting: false });
          return;
        }
      }
      try {
        const view = await casework.act(input);
        this.setData({ acting: false, form: null, attempt: { key: '', clientRequestId: '' } });
        this.show(view);
        toast(input.action === 'reply' ? '答复已发送' : '已办理', 'success');
      } catch (error) {
        const shown = shownError(error);
        this.setData({ acting: false });
        if (STALE.includes(shown.code)) {
          this.setData({ attempt: { key: '', clientRequestId: '' } });
          alert('诉求已有变化', shown.message);
          void this.refresh();
        } else if (this.data.form?.action === input.action) {
          this.setData({ 'form.errors': errorsFrom(shown.fields, shown.message) });
        } else {
          toast(shown.message);
        }
      }
    },
  },
});
