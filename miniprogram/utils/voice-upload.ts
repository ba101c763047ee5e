import type { VoiceNoteInput, VoiceNoteView } from '../core/api';
import { durationLabel, voiceCloudPath } from '../core/voice';
import * as resident from '../services/resident';

/**
 * Voice notes (声音留言) recorded on the phone and uploaded straight to storage, under the resident's
 * own prefix as photos are (utils/photo-upload.ts), so that the form sends only file IDs and
 * durations: the appeal (pages/submit) and a supplement (components/case-steps). The page keeps the
 * list (shown by components/voice-list); these helpers make an item and upload it.
 */

export type VoiceState = 'uploading' | 'done' | 'failed';

export interface VoiceItem {
  key: string;
  /** The recording on the phone: what 播放 plays before sending. */
  src: string;
  fileID: string;
  /** Whole seconds. */
  duration: number;
  durationLabel: string;
  progress: number;
  state: VoiceState;
}

let serial = 0;
const nextKey = (): string => `v${Date.now().toString(36)}${(serial += 1)}`;

/** A note just recorded, ready to upload. */
export const recordedVoice = (src: string, duration: number): VoiceItem => ({
  key: nextKey(),
  src,
  fileID: '',
  duration,
  durationLabel: durationLabel(duration),
  progress: 0,
  state: 'uploading',
});

/** An uploaded note, as a restored draft holds it. */
export const uploadedVoice = (src: string, fileID: string, duration: number): VoiceItem => ({
  ...recordedVoice(src, duration),
  fileID,
  progress: 100,
  state: 'done',
});

/**
 * Uploads one note under `openid`'s prefix, telling the page each change through `update`;
 * `current` answers the page's copy, undefined once the note was deleted there. Answers whether it
 * ended uploaded; a failure leaves it `failed`, for 重试 or 删除.
 */
export async function uploadVoice(
  item: VoiceItem,
  openid: string,
  current: () => VoiceItem | undefined,
  update: (patch: Partial<VoiceItem>) => void,
): Promise<boolean> {
  try {
    update({ state: 'uploading', progress: 0 });
    const cloudPath = voiceCloudPath(openid, Date.now(), Math.random);
    const { fileID } = await resident.uploadPhoto(item.src, cloudPath, (progress) => {
      if (current()?.state === 'uploading') update({ progress });
    });
    if (!current()) return false;
    update({ state: 'done', fileID, progress: 100 });
    return true;
  } catch (error) {
    console.warn('voice upload failed', error);
    update({ state: 'failed' });
    return false;
  }
}

/** The notes uploaded, in order, as the functions take them. */
export const uploadedVoiceNotes = (items: readonly VoiceItem[]): VoiceNoteInput[] =>
  items.filter((v) => v.state === 'done').map((v) => ({ fileID: v.fileID, duration: v.duration }));

/** Why a form cannot be sent yet because of its voice notes; '' when it can. */
export function voiceNotesNotReady(items: readonly VoiceItem[]): string {
  if (items.some((v) => v.state === 'uploading')) return '声音留言还在上传，请稍候再提交';
  if (items.some((v) => v.state === 'failed')) return '有声音留言没有上传成功，请重试或删除';
  return '';
}

/** A case view's voice notes as components/voice-list shows them (none from an older function). */
export const voiceRows = (notes: readonly VoiceNoteView[] | undefined) =>
  (notes ?? []).map((n) => ({ key: n.fileID, src: n.url, durationLabel: n.durationLabel }));
