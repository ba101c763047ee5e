import type { PlaceInput } from './api-landing';
import { CLIENT_REQUEST_ID_MESSAGE, isClientRequestId } from './ids';
import { CASE_KINDS, type CaseKind } from './model';
import { invalid, ok, type Failure, type Success } from './result';
import { checkPlace, LIMITS } from './submit';
import { charLength, isValidPhone, textInput, WRONG_TYPE } from './text';

/**
 * What a deputy heard in person or by phone (代表录入), entered from their inbox, and the deputy's
 * quick-reply phrases (常用语). Checked identically on the phone (messages beside the fields) and in
 * the `deputy` function, which trusts nothing.
 */

/** How the deputy heard it: 当面 (in person) or 电话 (by phone). */
export type EntrySource = 'in_person' | 'phone';

export const ENTRY_SOURCES: EntrySource[] = ['in_person', 'phone'];

export const ENTRY_SOURCE_LABELS: Record<EntrySource, string> = {
  in_person: '当面',
  phone: '电话',
};

export interface DeputyEntryInput {
  source: EntrySource;
  kind: CaseKind;
  category: string;
  /** What the resident said (5–500 characters). */
  description: string;
  /** Where, picked on the map as a resident's location is (wx.chooseLocation); optional. */
  location: PlaceInput | null;
  /** Up to 9 file IDs the deputy uploaded, under `appeals/<deputy's OpenID>/`. */
  photos: string[];
  /** The resident's name and phone, when they left them; both optional. */
  contactName: string | null;
  phone: string | null;
  clientRequestId: string;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Validates and normalises a deputy's entry. `photoOwner` (the caller's OpenID, on the server) is
 * the prefix every photo must lie under.
 */
export function validateDeputyEntry(raw: unknown, photoOwner?: string): Success<DeputyEntryInput> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};

  const source = asString(input.source) as EntrySource | null;
  if (!source || !ENTRY_SOURCES.includes(source)) fields.source = '请选择来源：当面或电话';

  const kind = asString(input.kind) as CaseKind | null;
  if (!kind || !CASE_KINDS.includes(kind)) fields.kind = '请选择诉求类型';

  const category = asString(input.category)?.trim() ?? '';
  if (!/^[a-z_]{1,32}$/.test(category)) fields.category = '请选择问题分类';

  const description = textInput(input.description, 'lines') ?? '';
  const length = charLength(description);
  if (typeof input.description !== 'string' && input.description !== undefined)
    fields.description = `群众反映的内容${WRONG_TYPE}`;
  else if (length < LIMITS.descriptionMin)
    fields.description = `请记下群众反映的内容，至少 ${LIMITS.descriptionMin} 个字`;
  else if (length > LIMITS.descriptionMax)
    fields.description = `内容最多 ${LIMITS.descriptionMax} 个字，当前 ${length} 个字`;

  const location = checkPlace(input.location, fields);

  const photos = Array.isArray(input.photos) ? input.photos : input.photos === undefined ? [] : null;
  if (!photos || photos.some((p) => typeof p !== 'string' || !p)) fields.photos = '照片信息无效，请重新上传';
  else if (photos.length > LIMITS.photosMax) fields.photos = `最多上传 ${LIMITS.photosMax} 张照片`;
  else if (new Set(photos).size !== photos.length) fields.photos = '有重复的照片';
  else if (photoOwner !== undefined && photos.some((p) => !(p as string).includes(`/appeals/${photoOwner}/`)))
    fields.photos = '只能使用您本人上传的照片';

  const nameText = textInput(input.contactName);
  const phoneText = textInput(input.phone);
  const phone = (phoneText ?? '').replace(/\s/g, '');
  if (nameText === null) fields.contactName = `群众姓名${WRONG_TYPE}`;
  else if (charLength(nameText) > LIMITS.contactNameMax)
    fields.contactName = `姓名最多 ${LIMITS.contactNameMax} 个字`;
  if (phoneText === null) fields.phone = `电话${WRONG_TYPE}`;
  else if (phone && !isValidPhone(phone)) fields.phone = '请填写正确的手机号或带区号的固定电话';

  const clientRequestId = asString(input.clientRequestId) ?? '';
  if (!isClientRequestId(clientRequestId)) fields.clientRequestId = CLIENT_REQUEST_ID_MESSAGE;

  if (Object.keys(fields).length > 0 || !source || !kind) return invalid(fields);
  return ok({
    source,
    kind,
    category,
    description,
    location,
    photos: photos as string[],
    contactName: nameText || null,
    phone: phone || null,
    clientRequestId,
  });
}

/** Phrases every deputy starts with (常用语); tapping one puts it into the answer box. */
export const DEFAULT_REPLY_PHRASES: readonly string[] = [
  '您反映的问题已收到，我会尽快了解情况并给您答复。',
  '已与相关部门沟通，对方表示将尽快处理，请您留意。',
  '经现场查看，问题已经解决，感谢您的反映和监督。',
  '该问题已列入相关部门的工作计划，将按计划推进。',
  '感谢您的建议，我会在履职中认真研究并提出意见。',
];

export const PHRASE_LIMITS = { count: 20, min: 2, max: 100 } as const;

/** Validates a deputy's own phrases: up to 20, each 2–100 characters, one line, no repeats. */
export function validatePhrases(raw: unknown): Success<string[]> | Failure {
  if (!Array.isArray(raw)) return invalid({ phrases: '常用语格式不正确，请重新保存' });
  if (raw.length > PHRASE_LIMITS.count)
    return invalid({ phrases: `常用语最多 ${PHRASE_LIMITS.count} 条，请删去一些` });
  const phrases: string[] = [];
  for (const [i, item] of raw.entries()) {
    const text = textInput(item);
    if (text === null) return invalid({ [`phrases.${i}`]: `第 ${i + 1} 条常用语${WRONG_TYPE}` });
    const length = charLength(text);
    if (length < PHRASE_LIMITS.min || length > PHRASE_LIMITS.max)
      return invalid({
        [`phrases.${i}`]: `第 ${i + 1} 条常用语应为 ${PHRASE_LIMITS.min}–${PHRASE_LIMITS.max} 个字`,
      });
    if (!phrases.includes(text)) phrases.push(text);
  }
  return ok(phrases);
}
