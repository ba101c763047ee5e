import { chinaDate } from './china-time';
import { randomToken } from './ids';
import { photoPrefix } from './submit';

/**
 * Voice notes (声音留言) on an appeal (docs/decisions/0027-voice-notes.md): recorded on the phone by
 * holding 按住说话, uploaded like photos under the resident's own prefix, sent as
 * `voiceNotes: [{ fileID, duration }]`. Checked identically on the phone and in the function.
 */

export const VOICE_LIMITS = {
  /** Notes one appeal, or one supplement, carries. */
  notesMax: 3,
  /** Notes a case holds in all: the appeal's and every supplement's. */
  caseNotesMax: 9,
  /** Whole seconds; a shorter press is not a note. */
  durationMin: 1,
  /** Whole seconds; the recorder stops itself here. */
  durationMax: 60,
} as const;

export interface VoiceNoteInput {
  fileID: string;
  /** Whole seconds, as the phone measured the recording. */
  duration: number;
}

/**
 * Where a voice note is stored: beside the resident's photos, under their own prefix (which is how
 * the function knows the recording is theirs), the China-local month, a random name, `.mp3`.
 */
export function voiceCloudPath(openid: string, now: number, random: () => number): string {
  const month = chinaDate(now).slice(0, 7).replace('-', '');
  return `${photoPrefix(openid)}${month}/${randomToken(20, random)}.mp3`;
}

/** The recorder's milliseconds as the whole seconds sent and shown (at least 1 for any sound). */
export const durationSeconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

/** A duration as WeChat shows one: `12″`, `1′05″`. */
export function durationLabel(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}″` : `${Math.floor(s / 60)}′${String(s % 60).padStart(2, '0')}″`;
}

/**
 * Checks the `voiceNotes` of a submission or supplement, writing a problem into `fields.voiceNotes`.
 * `owner` is the caller's OpenID in the function, where every file must be theirs; on the phone it
 * is omitted. Answers the notes, or null when they were refused.
 */
export function checkVoiceNotes(
  raw: unknown,
  fields: Record<string, string>,
  owner?: string,
): VoiceNoteInput[] | null {
  if (raw === undefined || raw === null) return [];
  const refuse = (message: string) => {
    fields.voiceNotes = message;
    return null;
  };
  if (!Array.isArray(raw)) return refuse('声音留言信息无效，请重新录制');
  if (raw.length > VOICE_LIMITS.notesMax) return refuse(`最多 ${VOICE_LIMITS.notesMax} 条声音留言`);
  const notes: VoiceNoteInput[] = [];
  for (const item of raw as unknown[]) {
    const note = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { fileID, duration } = note;
    if (typeof fileID !== 'string' || !/^cloud:\/\/[^/]+\/.+\.mp3$/.test(fileID))
      return refuse('声音留言信息无效，请重新录制');
    if (typeof duration !== 'number' || !Number.isInteger(duration))
      return refuse('声音留言的时长无效，请重新录制');
    if (duration < VOICE_LIMITS.durationMin) return refuse('有一条声音留言太短，请按住按钮说话后再松开');
    if (duration > VOICE_LIMITS.durationMax)
      return refuse(`每条声音留言最长 ${VOICE_LIMITS.durationMax} 秒，请删除后分几条录`);
    if (owner !== undefined && !fileID.includes(`/${photoPrefix(owner)}`))
      return refuse('只能使用您本人录的声音留言');
    notes.push({ fileID, duration });
  }
  if (new Set(notes.map((n) => n.fileID)).size !== notes.length) return refuse('有重复的声音留言');
  return notes;
}
