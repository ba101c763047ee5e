import type { CategoryView, PlaceInput, SubmitInput, SubmitResult } from '../../core/api';
import { targetFromOptions, type Target } from '../../core/codes';
import { newClientRequestId } from '../../core/ids';
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from '../../core/model';
import { SUBSCRIBE_ON_SUBMIT } from '../../core/notifications';
import { LIMITS, validateSubmit } from '../../core/submit';
import { charLength } from '../../core/text';
import { textSize } from '../../behaviors/text-size';
import { loadable } from '../../behaviors/loadable';
import { askConsent } from '../../services/consent';
import * as resident from '../../services/resident';
import { shownError } from '../../utils/errors';
import { isCancel } from '../../utils/format';
import {
  photosNotReady,
  pickPhotos,
  uploadedFileIds,
  uploadedPhoto,
  uploadPhoto,
  type PhotoItem,
} from '../../utils/photo-upload';
import { recallVisit, rememberVisit, type Visit } from '../../utils/visit';
import {
  recordedVoice,
  uploadedVoice,
  uploadedVoiceNotes,
  uploadVoice,
  voiceNotesNotReady,
  type VoiceItem,
} from '../../utils/voice-upload';
import { VOICE_LIMITS } from '../../core/voice';
import { clearDraft, EMPTY_FORM, loadDraft, saveDraft, type DraftForm } from './draft';
import { confirm, preview, redirect, relaunch, scrollToElement, toast } from '../../utils/ui';

/**
 * The appeal form. Options: `type` + `code` of the deputy or station (from the landing page).
 *
 * Photos are shrunk on the phone and uploaded straight to storage as soon as they are picked, so
 * that submitting sends only file IDs; voice notes (按住说话, components/voice-recorder) likewise as
 * soon as they are recorded, and 语音输入 turns speech into the description where WeChat's speech
 * plugin loads. The location is asked for with its own consent, before the
 * picker opens; removing it withdraws that consent. Every change is kept as a draft. Submitting is safe to
 * repeat: the clientRequestId is made once per draft, so a retry answers the case already stored.
 */

/** Failure codes that concern one field: their message is also shown beside it. */
const FIELD_OF_CODE: Record<string, string> = {
  'CONTENT.RISKY': 'description',
  'PHOTO.INVALID': 'photos',
};

const CHECK_NOTICE = '请按提示修改后再提交';

/** The form's fields from top to bottom, as the error summary names them. */
const FIELD_LABELS: Array<[field: string, label: string]> = [
  ['kind', '诉求类型'],
  ['category', '问题分类'],
  ['description', '具体情况'],
  ['photos', '照片'],
  ['voiceNotes', '声音留言'],
  ['location', '位置'],
  ['anonymous', '匿名反映'],
  ['contactName', '称呼'],
  ['phone', '联系电话'],
  ['consent', '个人信息保护说明'],
  ['publishConsent', '公开办理结果'],
];

interface ErrorLine {
  field: string;
  label: string;
  message: string;
}

/** The messages beside the fields as one list, top to bottom: the summary at the top of the form. */
function errorLines(errors: Record<string, string>): ErrorLine[] {
  return FIELD_LABELS.filter(([field]) => errors[field]).map(([field, label]) => ({
    field,
    label,
    message: errors[field],
  }));
}

/** The location's own consent (PIPL): what it is for, who sees it, how long it is kept. */
const LOCATION_NOTICE =
  '位置仅用于代表和工作人员找到问题发生的地点，只提供给处理本诉求的人员，诉求办结后按规定期限删除。是否同意提供位置？';

Component({
  behaviors: [loadable, textSize],
  data: {
    /** The link names no deputy or station. */
    invalid: false,
    target: null as Target | null,
    targetName: '',
    openid: '',
    kinds: CASE_KINDS.map((key) => ({ key, label: CASE_KIND_LABELS[key] })),
    categories: [] as CategoryView[],
    categoryIndex: -1,
    categoryName: '',
    form: { ...EMPTY_FORM } as DraftForm,
    photos: [] as PhotoItem[],
    voiceNotes: [] as VoiceItem[],
    voiceLimits: VOICE_LIMITS,
    limits: LIMITS,
    descriptionCount: 0,
    descriptionOver: false,
    clientRequestId: '',
    /** Messages beside the fields, keyed as the input fields are (description, phone, …). */
    errors: {} as Record<string, string>,
    /** The same, listed at the top of the form once 提交 found something to change. */
    errorList: [] as ErrorLine[],
    /** After the first attempt to submit, every change re-checks the whole form. */
    attempted: false,
    /** A message for the form as a whole, shown above the submit button. */
    notice: '',
    submitting: false,
    result: null as SubmitResult | null,
    /** 加入同类诉求: the 受理编号 the resident chose to add this appeal to (similar-appeals). */
    sameProblemAs: '',
    /** Bumped when the description is finished or the location chosen: similar-appeals looks up. */
    similarCheck: 0,
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const target = targetFromOptions({ type: options.type, code: options.code });
      if (!target) {
        this.setData({ invalid: true });
        return;
      }
      this.restoreDraft(target);
      void this.load();
    },

    restoreDraft(target: Target) {
      const draft = loadDraft(target);
      const form = draft?.form ?? { ...EMPTY_FORM };
      this.setData({
        target,
        form,
        clientRequestId: draft?.clientRequestId ?? newClientRequestId(Math.random),
        photos: (draft?.photos ?? []).map((photo) => uploadedPhoto(photo.path, photo.fileID)),
        voiceNotes: (draft?.voiceNotes ?? []).map((v) => uploadedVoice(v.src, v.fileID, v.duration)),
      });
      this.refresh();
    },

    /**
     * What the landing page remembered of the target; opened without passing through it (a shared
     * link, a restored draft), one call.
     */
    async fetch() {
      const target = this.data.target;
      if (!target) return;
      const visit = recallVisit(target);
      this.useVisit(visit ?? rememberVisit(await resident.landing({ type: target.type, code: target.code })));
    },

    useVisit(visit: Visit) {
      this.setData({
        targetName: visit.targetName,
        openid: visit.openid,
        categories: visit.categories,
      });
      const category = this.data.form.category;
      // A draft may name a category the target no longer offers: ask again rather than send it.
      if (category && !visit.categories.some((known) => known.key === category))
        this.change({ category: '' });
      else this.refresh();
    },

    // ── Fields ─────────────────────────────────────────────────────────────────────────────────

    onKind(event: WechatMiniprogram.BaseEvent<object, { kind: CaseKind }>) {
      this.change({ kind: event.currentTarget.dataset.kind });
    },

    onCategory(event: WechatMiniprogram.PickerChange) {
      const category = this.data.categories[Number(event.detail.value)];
      if (category) this.change({ category: category.key });
    },

    onDescription(event: WechatMiniprogram.TextareaInput) {
      this.change({ description: event.detail.value });
    },

    onDraftChanged() {
      this.setData({ similarCheck: this.data.similarCheck + 1 });
    },

    onJoin(event: WechatMiniprogram.CustomEvent<{ caseNo: string }>) {
      this.setData({ sameProblemAs: event.detail.caseNo });
    },

    onPhone(event: WechatMiniprogram.Input) {
      this.change({ phone: event.detail.value });
    },

    onContactName(event: WechatMiniprogram.Input) {
      this.change({ contactName: event.detail.value });
    },

    onAnonymous(event: WechatMiniprogram.SwitchChange) {
      const anonymous = event.detail.value;
      // Anonymous means no name and no phone reach the deputy: clear them rather than hide them.
      this.change(anonymous ? { anonymous, phone: '', contactName: '' } : { anonymous });
    },

    onConsent(event: WechatMiniprogram.CheckboxGroupChange) {
      this.change({ consent: event.detail.value.includes('agree') });
    },

    /** 五公开: never required; the resident may withdraw it later on the case page. */
    onPublishConsent(event: WechatMiniprogram.CheckboxGroupChange) {
      this.change({ publishConsent: event.detail.value.includes('agree') });
    },

    async onChooseLocation() {
      if (!this.data.form.locationConsent) {
        const agreed = await confirm('提供位置信息', LOCATION_NOTICE, '同意', '不同意');
        if (!agreed) return;
        this.change({ locationConsent: true });
      }
      try {
        const place = await wx.chooseLocation({});
        const location: PlaceInput = {
          latitude: place.latitude,
          longitude: place.longitude,
          name: place.name,
          address: place.address,
        };
        this.change({ location });
        this.onDraftChanged();
      } catch (error) {
        if (!isCancel(error)) toast('无法选择位置，请检查定位权限');
      }
    },

    onRemoveLocation() {
      this.change({ location: null, locationConsent: false });
    },

    change(patch: Partial<DraftForm>) {
      this.setData({ form: { ...this.data.form, ...patch } });
      this.refresh();
      this.save();
    },

    /** Derived display: counter, category name, and the messages beside the fields. */
    refresh() {
      const { form, categories } = this.data;
      const count = charLength(form.description.trim());
      const categoryIndex = categories.findIndex((category) => category.key === form.category);
      let errors: Record<string, string> = {};
      let notice = this.data.notice;
      if (this.data.attempted) {
        const checked = validateSubmit(this.input());
        errors = checked.ok ? {} : { ...checked.fields };
        if (checked.ok && notice === CHECK_NOTICE) notice = '';
      } else if (count > LIMITS.descriptionMax) {
        errors.description = `描述最多 ${LIMITS.descriptionMax} 个字，当前 ${count} 个字`;
      }
      this.setData({
        descriptionCount: count,
        descriptionOver: count > LIMITS.descriptionMax,
        categoryIndex,
        categoryName: categoryIndex >= 0 ? categories[categoryIndex].name : '',
        errors,
        errorList: this.data.attempted ? errorLines(errors) : [],
        notice,
      });
    },

    /** After a failed 提交: to the summary at the top, which names every field to change. */
    showErrors() {
      if (this.data.errorList.length > 0) scrollToElement('#error-summary');
    },

    /** A line of the summary: to its field. */
    onErrorTap(event: WechatMiniprogram.BaseEvent<object, { field: string }>) {
      scrollToElement(`#field-${event.currentTarget.dataset.field}`);
    },

    save() {
      const { target, clientRequestId, form, photos } = this.data;
      if (!target) return;
      const voiceNotes = this.data.voiceNotes
        .filter((v) => v.state === 'done')
        .map((v) => ({ fileID: v.fileID, src: v.src, duration: v.duration }));
      saveDraft(target, {
        clientRequestId,
        form,
        photos: photos
          .filter((photo) => photo.state === 'done')
          .map((photo) => ({ fileID: photo.fileID, path: photo.path })),
        ...(voiceNotes.length > 0 ? { voiceNotes } : {}),
      });
    },

    // ── Photos ─────────────────────────────────────────────────────────────────────────────────

    async onAddPhotos() {
      const added = await pickPhotos(LIMITS.photosMax - this.data.photos.length);
      if (added.length === 0) return;
      this.setData({ photos: [...this.data.photos, ...added] });
      this.refresh();
      // One at a time: decoding several 12-megapixel photos at once can exhaust a modest phone's memory.
      for (const photo of added) await this.upload(photo.key);
    },

    /** Shrinks (once) and uploads one photo; a failure leaves it for 重试 or 删除. */
    async upload(key: string) {
      const photo = this.photo(key);
      if (!photo) return;
      const uploaded = await uploadPhoto(
        photo,
        this.data.openid,
        () => this.photo(key),
        (patch) => this.updatePhoto(key, patch),
      );
      if (uploaded) this.save();
      this.refresh();
    },

    onRetryPhoto(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      void this.upload(event.detail.key);
    },

    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      const key = event.detail.key;
      this.setData({ photos: this.data.photos.filter((photo) => photo.key !== key) });
      this.refresh();
      this.save();
    },

    onPreviewPhoto(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      const current = this.photo(event.detail.key);
      if (current)
        preview(
          current.path,
          this.data.photos.map((photo) => photo.path),
        );
    },

    photo(key: string): PhotoItem | undefined {
      return this.data.photos.find((photo) => photo.key === key);
    },

    updatePhoto(key: string, patch: Partial<PhotoItem>) {
      const index = this.data.photos.findIndex((photo) => photo.key === key);
      if (index < 0) return;
      this.setData({ [`photos[${index}]`]: { ...this.data.photos[index], ...patch } });
    },

    // ── Voice ──────────────────────────────────────────────────────────────────────────────────

    /** 语音输入: what the speech plugin understood, added to the description. */
    onSpeechText(event: WechatMiniprogram.CustomEvent<{ text: string }>) {
      const description = this.data.form.description;
      this.change({ description: description ? `${description}${event.detail.text}` : event.detail.text });
      this.onDraftChanged();
    },

    onVoiceRecorded(event: WechatMiniprogram.CustomEvent<{ src: string; duration: number }>) {
      if (this.data.voiceNotes.length >= VOICE_LIMITS.notesMax) return;
      const item = recordedVoice(event.detail.src, event.detail.duration);
      this.setData({ voiceNotes: [...this.data.voiceNotes, item] });
      void this.uploadVoice(item.key);
    },

    async uploadVoice(key: string) {
      const item = this.voice(key);
      if (!item) return;
      const uploaded = await uploadVoice(
        item,
        this.data.openid,
        () => this.voice(key),
        (patch) => {
          const index = this.data.voiceNotes.findIndex((v) => v.key === key);
          if (index >= 0)
            this.setData({ [`voiceNotes[${index}]`]: { ...this.data.voiceNotes[index], ...patch } });
        },
      );
      if (uploaded) this.save();
      this.refresh();
    },

    onRetryVoice(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      void this.uploadVoice(event.detail.key);
    },

    onRemoveVoice(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      this.setData({ voiceNotes: this.data.voiceNotes.filter((v) => v.key !== event.detail.key) });
      this.refresh();
      this.save();
    },

    voice(key: string): VoiceItem | undefined {
      return this.data.voiceNotes.find((v) => v.key === key);
    },

    // ── Submit ─────────────────────────────────────────────────────────────────────────────────

    input(): Record<string, unknown> {
      const { target, form, photos, clientRequestId } = this.data;
      const voiceNotes = uploadedVoiceNotes(this.data.voiceNotes);
      return {
        target,
        kind: form.kind,
        category: form.category,
        description: form.description,
        photos: uploadedFileIds(photos),
        location: form.location,
        locationConsent: form.locationConsent,
        phone: form.anonymous ? null : form.phone,
        contactName: form.anonymous ? null : form.contactName,
        anonymous: form.anonymous,
        consent: form.consent,
        publishConsent: form.publishConsent,
        clientRequestId,
        ...(voiceNotes.length > 0 ? { voiceNotes } : {}),
        ...(this.data.sameProblemAs ? { sameProblemAs: this.data.sameProblemAs } : {}),
      };
    },

    /**
     * Everything up to the subscribe request runs synchronously: WeChat shows that dialog only from a
     * tap, before any await. The form is checked first (also synchronous) so that a resident who
     * forgot a field is not asked about notifications for a case that was not sent.
     */
    onSubmit() {
      if (this.data.submitting || this.data.result) return;
      const checked = validateSubmit(this.input());
      if (!checked.ok) {
        this.setData({ attempted: true, notice: CHECK_NOTICE });
        this.refresh();
        this.showErrors();
        return;
      }
      const waiting = photosNotReady(this.data.photos) || voiceNotesNotReady(this.data.voiceNotes);
      if (waiting) {
        this.setData({ notice: waiting });
        return;
      }
      void askConsent(SUBSCRIBE_ON_SUBMIT);
      this.setData({ submitting: true, notice: '' });
      void this.send(checked.data);
    },

    async send(input: SubmitInput) {
      try {
        const result = await resident.submit(input);
        if (this.data.target) clearDraft(this.data.target);
        this.setData({ submitting: false, result });
      } catch (error) {
        const shown = shownError(error);
        const errors = { ...this.data.errors, ...shown.fields };
        const field = FIELD_OF_CODE[shown.code];
        if (field) errors[field] = shown.message;
        // The draft and its clientRequestId stay: tapping 提交 again retries the same request.
        this.setData({ submitting: false, notice: shown.message, errors, errorList: errorLines(errors) });
        this.showErrors();
      }
    },

    onViewCase() {
      const result = this.data.result;
      if (result) redirect(`/pages/case/index?id=${result.caseId}`);
    },

    onBack() {
      wx.navigateBack({}).catch(() => relaunch('/pages/home/index'));
    },

    onHome() {
      relaunch('/pages/home/index');
    },
  },
});
