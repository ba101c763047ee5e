import type { CategoryView, PersonRef, RegisterVisitorInput, VisitView } from '../../../core/api';
import { newClientRequestId } from '../../../core/ids';
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from '../../../core/model';
import { LIMITS } from '../../../core/submit';
import { isValidPhone } from '../../../core/text';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as resident from '../../../services/resident';
import * as station from '../../../services/station';
import { shownError } from '../../../utils/errors';
import {
  photosNotReady,
  pickPhotos,
  uploadedFileIds,
  uploadPhoto,
  type PhotoItem,
} from '../../../utils/photo-upload';
import { back, preview } from '../../../utils/ui';

/**
 * 登记来访 on a reception day (`?date=YYYY-MM-DD`): who received the visitor (the day's roster,
 * else the station's deputies), the visitor (name or 匿名, phone), what they raised — each item
 * becomes a case addressed to that deputy, with photos taken at the desk (as many as a resident may
 * attach, shrunk and uploaded under the staff member's own prefix, as the appeal form does) — or a
 * question answered on the spot (当场答复). One clientRequestId per form, so a retry or a double tap
 * registers the visitor once.
 */

interface ItemForm {
  /** Keeps each item's inputs in place when another is removed. */
  key: number;
  kind: CaseKind | '';
  category: string;
  /** The category's name, shown on its chip or on 更多. */
  categoryName: string;
  /** The category is one of the chips shown (else 更多 shows its name). */
  categoryCommon: boolean;
  description: string;
  photos: PhotoItem[];
}

interface Errors {
  receivedBy: string;
  visitorName: string;
  phone: string;
  items: string;
  answer: string;
  form: string;
}

const NO_ERRORS: Errors = { receivedBy: '', visitorName: '', phone: '', items: '', answer: '', form: '' };

/** The office's first categories (its order puts the common ones first) show as chips; the rest under 更多. */
const COMMON_CATEGORIES = 6;

let itemKeys = 0;
const emptyItem = (): ItemForm => ({
  key: (itemKeys += 1),
  kind: '',
  category: '',
  categoryName: '',
  categoryCommon: false,
  description: '',
  photos: [],
});

const freshForm = () => ({
  receivedIndex: -1,
  anonymous: false,
  visitorName: '',
  phone: '',
  answeredOnSpot: false,
  answer: '',
  items: [emptyItem()],
  errors: { ...NO_ERRORS },
  clientRequestId: newClientRequestId(Math.random),
});

/** What is wrong with the form, per field; all empty when it can be sent. */
export function validate(form: ReturnType<typeof freshForm>): Errors {
  const errors = { ...NO_ERRORS };
  if (form.receivedIndex < 0) errors.receivedBy = '请选择接待的代表';
  if (!form.anonymous && !form.visitorName.trim()) errors.visitorName = '请填写来访群众姓名，或选择匿名';
  if (form.phone.trim() && !isValidPhone(form.phone.trim())) errors.phone = '请填写正确的手机号或固定电话';
  if (form.answeredOnSpot) {
    if (!form.answer.trim()) errors.answer = '请填写当场答复的内容';
  } else if (form.items.some((item) => !item.kind || !item.category || !item.description.trim())) {
    errors.items = '请为每项诉求选择类型、类别并填写内容';
  } else {
    errors.items = photosNotReady(form.items.flatMap((item) => item.photos));
  }
  return errors;
}

Component({
  behaviors: [loadable, textSize],
  data: {
    date: '',
    stationId: '',
    /** The staff member's OpenID: their photos go under their own prefix. */
    openid: '',
    photosMax: LIMITS.photosMax,
    deputies: [] as PersonRef[],
    categories: [] as CategoryView[],
    commonCategories: [] as CategoryView[],
    moreCategories: false,
    kinds: CASE_KINDS.map((key) => ({ key, label: CASE_KIND_LABELS[key] })),
    form: freshForm(),
    sending: false,
    result: null as VisitView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ date: query.date ?? '', stationId: query.stationId ?? '' });
      void this.load();
    },

    /** The day's roster and the station (from the month's overview), then its categories. */
    async fetch() {
      const date = this.data.date;
      const view = await station.overview(date.slice(0, 7) || undefined, this.data.stationId || undefined);
      const day = view.plan.days.find((item) => item.date === date && !item.cancelled);
      const rostered = day?.roster ? day.roster.deputies : [];
      const landing = await resident.landing({ type: 'station', code: view.station.code });
      const deputies = rostered.length ? rostered : view.station.deputies;
      this.setData({
        date: date || view.today,
        deputies,
        categories: landing.categories,
        commonCategories: landing.categories.slice(0, COMMON_CATEGORIES),
        moreCategories: landing.categories.length > COMMON_CATEGORIES,
        openid: landing.viewer.openid,
        'form.receivedIndex': deputies.length === 1 ? 0 : -1,
      });
    },

    onReceivedBy(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.receivedIndex': Number(event.detail.value), 'form.errors.receivedBy': '' });
    },

    onAnonymous(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.anonymous': event.detail.value, 'form.errors.visitorName': '' });
    },

    onName(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.visitorName': event.detail.value, 'form.errors.visitorName': '' });
    },

    onPhone(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.phone': event.detail.value, 'form.errors.phone': '' });
    },

    onOnSpot(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({
        'form.answeredOnSpot': event.detail.value,
        'form.errors.items': '',
        'form.errors.answer': '',
      });
    },

    onAnswer(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.answer': event.detail.value, 'form.errors.answer': '' });
    },

    onKind(event: WechatMiniprogram.BaseEvent<object, { index: number; kind: CaseKind }>) {
      const { index, kind } = event.currentTarget.dataset;
      this.setData({ [`form.items[${index}].kind`]: kind, 'form.errors.items': '' });
    },

    /** One tap on a common category's chip. */
    onCommonCategory(event: WechatMiniprogram.BaseEvent<object, { index: number; key: string }>) {
      const { index, key } = event.currentTarget.dataset;
      this.chooseCategory(
        index,
        this.data.categories.findIndex((category) => category.key === key),
      );
    },

    /** 更多: every category in a picker, rather than a wall of chips. */
    onCategory(event: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { index: number } } }) {
      this.chooseCategory(event.currentTarget.dataset.index, Number(event.detail.value));
    },

    chooseCategory(index: number, at: number) {
      const category = this.data.categories[at];
      if (!category) return;
      this.setData({
        [`form.items[${index}].category`]: category.key,
        [`form.items[${index}].categoryName`]: category.name,
        [`form.items[${index}].categoryCommon`]: at < COMMON_CATEGORIES,
        'form.errors.items': '',
      });
    },

    onDescription(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
      const index = event.currentTarget.dataset.index;
      this.setData({ [`form.items[${index}].description`]: event.detail.value, 'form.errors.items': '' });
    },

    onAddItem() {
      this.setData({ 'form.items': [...this.data.form.items, emptyItem()] });
    },

    onRemoveItem(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ 'form.items': this.data.form.items.filter((_, at) => at !== index) });
    },

    /** Photos for the item at `data-index`, from the camera or the album, uploaded one at a time. */
    async onAddPhotos(event: WechatMiniprogram.CustomEvent<object, object, { index: number }>) {
      const item = this.data.form.items[Number(event.currentTarget.dataset.index)];
      if (!item) return;
      const added = await pickPhotos(LIMITS.photosMax - item.photos.length);
      if (added.length === 0) return;
      this.setPhotos(item.key, [...(this.item(item.key)?.photos ?? []), ...added]);
      for (const photo of added) await this.upload(item.key, photo.key);
    },

    async upload(itemKey: number, photoKey: string) {
      const photo = this.photoOf(itemKey, photoKey);
      if (!photo) return;
      await uploadPhoto(
        photo,
        this.data.openid,
        () => this.photoOf(itemKey, photoKey),
        (patch) => {
          const current = this.item(itemKey)?.photos ?? [];
          this.setPhotos(
            itemKey,
            current.map((p) => (p.key === photoKey ? { ...p, ...patch } : p)),
          );
        },
      );
    },

    onRetryPhoto(event: WechatMiniprogram.CustomEvent<{ key: string }, object, { index: number }>) {
      const item = this.data.form.items[Number(event.currentTarget.dataset.index)];
      if (item) void this.upload(item.key, event.detail.key);
    },

    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ key: string }, object, { index: number }>) {
      const item = this.data.form.items[Number(event.currentTarget.dataset.index)];
      if (item)
        this.setPhotos(
          item.key,
          item.photos.filter((photo) => photo.key !== event.detail.key),
        );
    },

    onPreviewPhoto(event: WechatMiniprogram.CustomEvent<{ key: string }, object, { index: number }>) {
      const item = this.data.form.items[Number(event.currentTarget.dataset.index)];
      const current = item?.photos.find((photo) => photo.key === event.detail.key);
      if (item && current)
        preview(
          current.path,
          item.photos.map((photo) => photo.path),
        );
    },

    /** Items are found by key: one may be removed while another's photos are still uploading. */
    item(key: number): ItemForm | undefined {
      return this.data.form.items.find((item) => item.key === key);
    },

    photoOf(itemKey: number, photoKey: string): PhotoItem | undefined {
      return this.item(itemKey)?.photos.find((photo) => photo.key === photoKey);
    },

    setPhotos(itemKey: number, photos: PhotoItem[]) {
      const index = this.data.form.items.findIndex((item) => item.key === itemKey);
      if (index >= 0) this.setData({ [`form.items[${index}].photos`]: photos, 'form.errors.items': '' });
    },

    async onSubmit() {
      if (this.data.sending) return;
      const form = this.data.form;
      const errors = validate(form);
      if (Object.values(errors).some(Boolean)) {
        this.setData({ 'form.errors': errors });
        return;
      }
      const input: RegisterVisitorInput = {
        ...(this.data.stationId ? { stationId: this.data.stationId } : {}),
        date: this.data.date,
        receivedBy: this.data.deputies[form.receivedIndex].id,
        visitorName: form.anonymous ? null : form.visitorName.trim(),
        anonymous: form.anonymous,
        phone: form.phone.trim() || null,
        items: form.answeredOnSpot
          ? []
          : form.items.map((item) => ({
              kind: item.kind as CaseKind,
              category: item.category,
              description: item.description.trim(),
              photos: uploadedFileIds(item.photos),
            })),
        answeredOnSpot: form.answeredOnSpot,
        answer: form.answeredOnSpot ? form.answer.trim() : null,
        clientRequestId: form.clientRequestId,
      };
      this.setData({ sending: true, 'form.errors': { ...NO_ERRORS } });
      try {
        const result = await station.registerVisitor(input);
        this.setData({ sending: false, result });
      } catch (error) {
        const shown = shownError(error);
        const fields = shown.fields;
        this.setData({
          sending: false,
          'form.errors': {
            ...NO_ERRORS,
            receivedBy: fields.receivedBy ?? '',
            visitorName: fields.visitorName ?? '',
            phone: fields.phone ?? '',
            answer: fields.answer ?? '',
            items: Object.keys(fields).find((key) => key.startsWith('items'))
              ? (fields[Object.keys(fields).find((key) => key.startsWith('items')) as string] ?? '')
              : '',
            form: shown.message,
          },
        });
      }
    },

    /** The next visitor: a new form, with a new clientRequestId, the same deputy. */
    onNext() {
      const receivedIndex = this.data.form.receivedIndex;
      this.setData({ result: null, form: { ...freshForm(), receivedIndex } });
    },

    onBack() {
      back();
    },
  },
});
