import type { CaseDetailView, ResidentSteps } from '../../core/api';
import { newClientRequestId } from '../../core/ids';
import { SUPPLEMENT_LIMITS } from '../../core/resident-steps';
import { charLength } from '../../core/text';
import * as resident from '../../services/resident';
import { shownError } from '../../utils/errors';
import {
  photosNotReady,
  pickPhotos,
  uploadedFileIds,
  uploadPhoto,
  type PhotoItem,
} from '../../utils/photo-upload';
import { preview, toast } from '../../utils/ui';
import { VOICE_LIMITS } from '../../core/voice';
import {
  recordedVoice,
  uploadedVoiceNotes,
  uploadVoice,
  voiceNotesNotReady,
  type VoiceItem,
} from '../../utils/voice-upload';

/**
 * The resident's own steps on their case (core/resident-steps.ts, decision 0025), under the case's
 * status: 补充 (add words, photos or voice notes while it is open), 催办 (once the answer is overdue; the line
 * under it says when it becomes possible) and 撤回 (before acceptance, with an optional reason, after
 * a second tap). Each sends once: its clientRequestId is kept while what it sends stays the same, so
 * a retry after a lost answer is the same request. Tells the page the case as it now stands:
 * `bind:changed` with `{ view }`.
 *
 * `<case-steps case-id="{{caseId}}" steps="{{view.residentSteps}}" bind:changed="onStepDone" />`
 */

type Open = '' | 'supplement' | 'withdraw';

const EMPTY_ERRORS = { note: '', photos: '', voiceNotes: '', reason: '', form: '' };

Component({
  options: { addGlobalClass: true },
  properties: {
    caseId: { type: String, value: '' },
    /** ResidentSteps, or null (an older function answered none: nothing is offered). */
    steps: { type: Object, value: null as ResidentSteps | null },
  },
  data: {
    open: '' as Open,
    note: '',
    noteCount: 0,
    noteMax: SUPPLEMENT_LIMITS.noteMax,
    reason: '',
    photos: [] as PhotoItem[],
    photosMax: SUPPLEMENT_LIMITS.photosMax,
    voiceNotes: [] as VoiceItem[],
    voiceMax: VOICE_LIMITS.notesMax,
    errors: { ...EMPTY_ERRORS },
    busy: false,
    /** What was last sent and its clientRequestId, reused while it stays the same. */
    sent: { key: '', clientRequestId: '' },
  },
  methods: {
    requestId(key: string): string {
      const { sent } = this.data;
      const clientRequestId =
        sent.key === key && sent.clientRequestId ? sent.clientRequestId : newClientRequestId(Math.random);
      this.setData({ sent: { key, clientRequestId } });
      return clientRequestId;
    },

    onOpenSupplement() {
      this.setData({ open: 'supplement', errors: { ...EMPTY_ERRORS } });
    },
    onOpenWithdraw() {
      this.setData({ open: 'withdraw', errors: { ...EMPTY_ERRORS } });
    },
    onCancel() {
      this.setData({ open: '', errors: { ...EMPTY_ERRORS } });
    },

    onNote(event: WechatMiniprogram.TextareaInput) {
      const note = event.detail.value;
      this.setData({ note, noteCount: charLength(note.trim()), 'errors.note': '', 'errors.form': '' });
    },
    onReason(event: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: event.detail.value, 'errors.reason': '' });
    },

    // ── Photos: the same path as the appeal's (utils/photo-upload.ts) ─────────────────────────────

    async onAddPhotos() {
      const added = await pickPhotos(SUPPLEMENT_LIMITS.photosMax - this.data.photos.length);
      if (added.length === 0) return;
      this.setData({ photos: [...this.data.photos, ...added], 'errors.photos': '' });
      for (const photo of added) await this.upload(photo.key);
    },
    async upload(key: string) {
      const photo = this.photo(key);
      const owner = (this.data.steps as ResidentSteps | null)?.photoOwner;
      if (!photo || !owner) return;
      await uploadPhoto(
        photo,
        owner,
        () => this.photo(key),
        (patch) => this.updatePhoto(key, patch),
      );
    },
    onRetryPhoto(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      void this.upload(event.detail.key);
    },
    onRemovePhoto(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      this.setData({ photos: this.data.photos.filter((photo) => photo.key !== event.detail.key) });
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
      if (index >= 0) this.setData({ [`photos[${index}]`]: { ...this.data.photos[index], ...patch } });
    },

    // ── Voice notes: as the appeal's (utils/voice-upload.ts) ───────────────────────────────────────

    onVoiceRecorded(event: WechatMiniprogram.CustomEvent<{ src: string; duration: number }>) {
      if (this.data.voiceNotes.length >= VOICE_LIMITS.notesMax) return;
      const item = recordedVoice(event.detail.src, event.detail.duration);
      this.setData({ voiceNotes: [...this.data.voiceNotes, item], 'errors.voiceNotes': '' });
      void this.uploadVoice(item.key);
    },
    async uploadVoice(key: string) {
      const item = this.data.voiceNotes.find((v) => v.key === key);
      const owner = (this.data.steps as ResidentSteps | null)?.photoOwner;
      if (!item || !owner) return;
      await uploadVoice(
        item,
        owner,
        () => this.data.voiceNotes.find((v) => v.key === key),
        (patch) => {
          const index = this.data.voiceNotes.findIndex((v) => v.key === key);
          if (index >= 0)
            this.setData({ [`voiceNotes[${index}]`]: { ...this.data.voiceNotes[index], ...patch } });
        },
      );
    },
    onRetryVoice(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      void this.uploadVoice(event.detail.key);
    },
    onRemoveVoice(event: WechatMiniprogram.CustomEvent<{ key: string }>) {
      this.setData({ voiceNotes: this.data.voiceNotes.filter((v) => v.key !== event.detail.key) });
    },

    // ── Sending ──────────────────────────────────────────────────────────────────────────────────

    onSendSupplement() {
      if (this.data.busy) return;
      const note = this.data.note.trim();
      const waiting = photosNotReady(this.data.photos);
      if (waiting) {
        this.setData({ 'errors.photos': waiting });
        return;
      }
      const waitingVoice = voiceNotesNotReady(this.data.voiceNotes);
      if (waitingVoice) {
        this.setData({ 'errors.voiceNotes': waitingVoice });
        return;
      }
      const photos = uploadedFileIds(this.data.photos);
      const voiceNotes = uploadedVoiceNotes(this.data.voiceNotes);
      const length = charLength(note);
      if (length === 0 && photos.length === 0 && voiceNotes.length === 0) {
        this.setData({ 'errors.note': '请写下要补充的内容，或添加照片、声音留言' });
        return;
      }
      if (length > SUPPLEMENT_LIMITS.noteMax) {
        this.setData({ 'errors.note': `最多 ${SUPPLEMENT_LIMITS.noteMax} 个字，当前 ${length} 个字` });
        return;
      }
      const voiceKey = voiceNotes.map((v) => v.fileID).join(',');
      const clientRequestId = this.requestId(`supplement\n${note}\n${photos.join(',')}\n${voiceKey}`);
      void this.send(
        () => resident.supplement(this.data.caseId, note, photos, clientRequestId, voiceNotes),
        '已补充，代表会看到',
      );
    },

    onChase() {
      if (this.data.busy) return;
      const clientRequestId = this.requestId('chase');
      void this.send(() => resident.chase(this.data.caseId, clientRequestId), '已催办，代表会尽快答复');
    },

    onSendWithdraw() {
      if (this.data.busy) return;
      const reason = this.data.reason.trim();
      if (charLength(reason) > SUPPLEMENT_LIMITS.reasonMax) {
        this.setData({ 'errors.reason': `撤回原因最多 ${SUPPLEMENT_LIMITS.reasonMax} 个字` });
        return;
      }
      const clientRequestId = this.requestId(`withdraw\n${reason}`);
      void this.send(() => resident.withdraw(this.data.caseId, reason, clientRequestId), '已撤回');
    },

    async send(request: () => Promise<CaseDetailView>, done: string) {
      this.setData({ busy: true, errors: { ...EMPTY_ERRORS } });
      try {
        const view = await request();
        this.setData({
          busy: false,
          open: '',
          note: '',
          noteCount: 0,
          reason: '',
          photos: [],
          voiceNotes: [],
          sent: { key: '', clientRequestId: '' },
        });
        toast(done, 'success');
        this.triggerEvent('changed', { view });
      } catch (error) {
        const shown = shownError(error);
        this.setData({
          busy: false,
          errors: {
            note: shown.fields.note ?? '',
            photos: shown.fields.photos ?? '',
            voiceNotes: shown.fields.voiceNotes ?? '',
            reason: shown.fields.reason ?? '',
            form:
              shown.fields.note || shown.fields.photos || shown.fields.voiceNotes || shown.fields.reason
                ? ''
                : shown.message,
          },
        });
        // The case moved on (accepted, answered) or the chase came too soon: show it as it is now.
        if (shown.code === 'CASE.TRANSITION_FORBIDDEN' || shown.code === 'CONFLICT')
          this.triggerEvent('stale');
      }
    },
  },
});
