import { posix } from 'node:path';
import { fail, invalid, type Failure } from '../../../miniprogram/core/result';
import { photoPrefix } from '../../../miniprogram/core/submit';
import { VOICE_LIMITS, type VoiceNoteInput } from '../../../miniprogram/core/voice';
import { MEDIA_TYPE, startMediaCheck, type App, type PhotoRecord, type VoiceNoteRecord } from '../platform';
import { mp3Duration } from './mp3';

/**
 * A case's photos are kept under the case's own path, `cases/<caseId>/<file name>`, never where they
 * were uploaded. The phone uploads a photo under its user's prefix (`appeals/<openid>/…`): that is
 * what the storage rule lets the user write, and how a function knows the photo is the caller's.
 * But a file ID shows its path, and the deputy, staff, the office and a unit all see a case's
 * photos: left where it was uploaded, an anonymous case's photo would name its resident, and tie it
 * to their named cases.
 *
 * So a new case adopts its photos. After every other check has passed, each upload is moved
 * (copyFile with removeOriginal, up to 50 files a call) to the case's path, and only the new file
 * IDs are stored. The move comes before the case is inserted:
 * - WeChat's media check fetches a photo by URL later on; started on the upload's URL it would find
 *   the file gone, so it is started on the adopted photo, whose trace id then finds it;
 * - a crash between move and insert leaves files under a case that does not exist, which nobody
 *   sees; the phone sends the same draft again (same clientRequestId: same case id, same paths),
 *   finds the photos adopted and stores the case. Inserted first, a crash would leave a stored case
 *   whose photos are missing, in front of the deputy;
 * - a retried request finds its photos adopted and copies nothing. An adopted photo is never
 *   overwritten (overwrite: false), so a replay cannot swap a photo after WeChat has checked it.
 *
 * Voice notes (声音留言, decision 0027) are uploaded, adopted and checked the same way, in the same
 * call; a problem with one is answered as INPUT.INVALID on `voiceNotes`, as its validation is.
 */

/** CloudBase copies, and names temporary URLs for, at most this many files per request. */
const PER_REQUEST = 50;

export interface PhotoBatch {
  caseId: string;
  fileIDs: string[];
  /** The input field a problem is reported on (`photos`, `items.2.photos`, `voiceNotes`). */
  field: string;
  /** Voice notes rather than photos: the words of a refusal. */
  kind?: 'voice';
}

export interface Adoption {
  /** The adopted photos' file IDs, batch by batch, in the order given. */
  fileIDs: string[][];
  /** Some photo was already adopted: an earlier attempt of the same request got this far. */
  resumed: boolean;
}

interface Move {
  batch: PhotoBatch;
  sourceId: string;
  source: string;
  target: string;
  targetId: string;
}

/** `cloud://<env>.<bucket>/<path>` split into its root and path; null for anything else. */
function splitFileId(fileID: string): { root: string; path: string } | null {
  const match = /^(cloud:\/\/[^/]+\/)(.+)$/.exec(fileID);
  if (!match) return null;
  const segments = match[2].split('/');
  return segments.some((s) => s === '' || s === '.' || s === '..')
    ? null
    : { root: match[1], path: match[2] };
}

const refuse = (field: string, message: string, short = message) =>
  fail('PHOTO.INVALID', message, { [field]: short });

const VOICE_MISSING = '有声音留言没有上传成功，请删除后重新录制';

/** A batch's refusals, in its own words. */
const refusals = (batch: Pick<PhotoBatch, 'field' | 'kind'>) =>
  batch.kind === 'voice'
    ? {
        foreign: () => invalid({ [batch.field]: '只能使用您本人录的声音留言' }),
        twice: () => invalid({ [batch.field]: '有重复的声音留言' }),
        missing: () => invalid({ [batch.field]: VOICE_MISSING }),
      }
    : {
        foreign: () => refuse(batch.field, '只能使用您本人上传的照片'),
        twice: () => refuse(batch.field, '有重复的照片'),
        missing: () => refuse(batch.field, '有照片没有上传成功，请删除后重新添加', '有照片没有上传成功'),
      };

/** The file IDs among `fileIDs` that exist in storage, with their temporary URLs. */
async function existing(app: App, fileIDs: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < fileIDs.length; i += PER_REQUEST) {
    const { fileList } = await app.getTempFileURL({
      fileList: fileIDs.slice(i, i + PER_REQUEST).map((fileID) => ({ fileID, maxAge: 3600 })),
    });
    for (const f of fileList) if (f.code === 'SUCCESS' && f.tempFileURL) found.set(f.fileID, f.tempFileURL);
  }
  return found;
}

/**
 * Moves each batch's photos, all uploads of `owner` (PHOTO.INVALID for a file outside their prefix,
 * or missing), under its case. Nothing is moved unless every photo is the owner's and is there.
 */
export async function adoptPhotos(
  app: App,
  owner: string,
  batches: PhotoBatch[],
): Promise<Adoption | Failure> {
  const moves: Move[][] = [];
  for (const batch of batches) {
    const names = new Set<string>();
    const batchMoves: Move[] = [];
    for (const sourceId of batch.fileIDs) {
      const parts = splitFileId(sourceId);
      if (!parts || !parts.path.startsWith(photoPrefix(owner))) return refusals(batch).foreign();
      // A copy keeps the file name; two photos of one case may not share one.
      const name = posix.basename(parts.path);
      if (names.has(name)) return refusals(batch).twice();
      names.add(name);
      const target = `cases/${batch.caseId}/${name}`;
      batchMoves.push({
        batch,
        sourceId,
        source: parts.path,
        target,
        targetId: parts.root + target,
      });
    }
    moves.push(batchMoves);
  }
  const all = moves.flat();
  const fileIDs = moves.map((batch) => batch.map((m) => m.targetId));
  if (all.length === 0) return { fileIDs, resumed: false };

  const found = await existing(
    app,
    all.flatMap((m) => [m.sourceId, m.targetId]),
  );
  const pending = all.filter((m) => !found.has(m.targetId));
  const missing = pending.find((m) => !found.has(m.sourceId));
  if (missing) return refusals(missing.batch).missing();
  // An item the copy could not do (a concurrent retry moved it first) is judged by what is there
  // afterwards: checkPhotos finds the adopted photo, or answers PHOTO.INVALID.
  for (let i = 0; i < pending.length; i += PER_REQUEST) {
    await app.copyFile({
      fileList: pending.slice(i, i + PER_REQUEST).map((m) => ({
        srcPath: m.source,
        dstPath: m.target,
        overwrite: false,
        removeOriginal: true,
      })),
    });
  }
  return { fileIDs, resumed: pending.length < all.length };
}

/**
 * Adopted photos must exist in storage; their temporary URLs also start WeChat's media check.
 * `openid` is the uploader, whose WeChat session the check is made for.
 */
export async function checkPhotos(
  app: App,
  fileIDs: string[],
  openid: string,
): Promise<PhotoRecord[] | Failure> {
  if (fileIDs.length === 0) return [];
  const urls = await existing(app, fileIDs);
  if (fileIDs.some((fileID) => !urls.has(fileID)))
    return refuse('photos', '有照片没有上传成功，请删除后重新添加', '有照片没有上传成功');
  return Promise.all(
    fileIDs.map(async (fileID): Promise<PhotoRecord> => {
      const traceId = await startMediaCheck(urls.get(fileID) ?? '', openid).catch(() => null);
      return { fileID, check: traceId ? 'pending' : 'unchecked', traceId };
    }),
  );
}

/** The voice notes as sent, with the file IDs they were adopted under. */
export const adoptedNotes = (notes: VoiceNoteInput[], fileIDs: string[] = []): VoiceNoteInput[] =>
  notes.map((n, i) => ({ fileID: fileIDs[i] ?? n.fileID, duration: n.duration }));

/** Why a stored note cannot be kept, from its measured length (null: not MPEG audio); null if it can. */
function lengthRefusal(seconds: number | null): string | null {
  if (seconds === null) return '有一条声音留言不是可以播放的录音，请删除后重新录制';
  const whole = Math.round(seconds);
  if (whole < VOICE_LIMITS.durationMin) return '有一条声音留言太短，请按住按钮说话后再松开';
  if (whole > VOICE_LIMITS.durationMax)
    return `每条声音留言最长 ${VOICE_LIMITS.durationMax} 秒，请删除后分几条录`;
  return null;
}

/**
 * A stored note's length in whole seconds, measured from its frames (./mp3.ts), or its refusal:
 * not MPEG audio, under a second, or over the limit once rounded. The phone's `duration` is not
 * believed: a forged or damaged file is found here, whatever the phone said.
 *
 * A refused note has already been moved under its case, where nothing will ever name it (the
 * resident is told to delete it and record again), so it is deleted there; should that fail, the
 * refusal stands all the same.
 */
async function measuredSeconds(app: App, fileID: string): Promise<number | Failure> {
  const fileContent = await app
    .downloadFile({ fileID })
    .then((file) => file.fileContent)
    .catch(() => undefined);
  if (fileContent === undefined) return invalid({ voiceNotes: VOICE_MISSING });
  const seconds = mp3Duration(typeof fileContent === 'string' ? Buffer.from(fileContent) : fileContent);
  const refusal = lengthRefusal(seconds);
  if (refusal === null && seconds !== null) return Math.round(seconds);
  await app.deleteFile({ fileList: [fileID] }).catch(() => undefined);
  return invalid({ voiceNotes: refusal ?? VOICE_MISSING });
}

/**
 * Adopted voice notes, like photos: they must exist, and WeChat's audio check starts on each. The
 * duration stored is the file's own, measured here, not the one the phone sent.
 */
export async function checkVoiceNotes(
  app: App,
  notes: VoiceNoteInput[],
  openid: string,
): Promise<VoiceNoteRecord[] | Failure> {
  if (notes.length === 0) return [];
  const urls = await existing(
    app,
    notes.map((n) => n.fileID),
  );
  if (notes.some((n) => !urls.has(n.fileID))) return invalid({ voiceNotes: VOICE_MISSING });
  const durations: number[] = [];
  for (const { fileID } of notes) {
    const seconds = await measuredSeconds(app, fileID);
    if (typeof seconds !== 'number') return seconds;
    durations.push(seconds);
  }
  return Promise.all(
    notes.map(async ({ fileID }, i): Promise<VoiceNoteRecord> => {
      const traceId = await startMediaCheck(urls.get(fileID) ?? '', openid, MEDIA_TYPE.audio).catch(
        () => null,
      );
      return { fileID, duration: durations[i], check: traceId ? 'pending' : 'unchecked', traceId };
    }),
  );
}
