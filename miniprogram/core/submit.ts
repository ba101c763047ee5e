import type { PlaceInput, SubmitInput } from './api';
import { CASE_NO_PATTERN } from './case-number';
import { isValidCode, type Target } from './codes';
import { CLIENT_REQUEST_ID_MESSAGE, isClientRequestId } from './ids';
import { ANSWER_OUTCOMES, CASE_KINDS, type AnswerOutcome, type CaseKind } from './model';
import { invalid, ok, type Failure, type Success } from './result';
import { charLength, isValidPhone, textInput, WRONG_TYPE } from './text';
import { checkVoiceNotes } from './voice';

/**
 * What a submission must satisfy, checked identically on the phone (to show messages beside the
 * fields as the resident types) and in the cloud function (which trusts nothing).
 */
export const LIMITS = {
  descriptionMin: 5,
  descriptionMax: 500,
  contactNameMax: 20,
  photosMax: 9,
  /** Photos are resized on the phone so that the long side is at most this many pixels. */
  photoLongSide: 1280,
  replyMin: 2,
  replyMax: 500,
} as const;

/** Where a resident's photos go: under their own OpenID, which is how the server knows they are theirs. */
export const photoPrefix = (openid: string): string => `appeals/${openid}/`;

type Fields = Record<string, string>;

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A picked location (wx.chooseLocation), or null; a malformed one is a problem of `location`. */
export function checkPlace(value: unknown, fields: Fields): PlaceInput | null {
  if (value === undefined || value === null) return null;
  const place = value as Record<string, unknown>;
  const lat = place.latitude;
  const lng = place.longitude;
  if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    fields.location = '位置信息无效，请重新选择';
    return null;
  }
  const nameText = textInput(place.name);
  const addressText = textInput(place.address);
  if (nameText === null || addressText === null) {
    fields.location = '位置信息无效，请重新选择';
    return null;
  }
  const name = [...nameText].slice(0, 100).join('');
  const address = [...addressText].slice(0, 200).join('');
  return { latitude: lat, longitude: lng, ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

/**
 * Validates and normalises a submission. `photoOwner` is the caller's OpenID on the server, where
 * every photo and voice note must lie under the caller's own prefix; on the phone it is omitted.
 */
export function validateSubmit(raw: unknown, photoOwner?: string): Success<SubmitInput> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Fields = {};

  const target = input.target as Partial<Target> | undefined;
  const targetType = target?.type === 'deputy' || target?.type === 'station' ? target.type : null;
  const code = asString(target?.code)?.trim().toUpperCase() ?? '';
  if (!targetType || !isValidCode(targetType, code)) fields.target = '二维码信息无效，请重新扫码';

  const kind = asString(input.kind) as CaseKind | null;
  if (!kind || !CASE_KINDS.includes(kind)) fields.kind = '请选择诉求类型';

  const category = asString(input.category)?.trim() ?? '';
  if (!/^[a-z_]{1,32}$/.test(category)) fields.category = '请选择问题分类';

  const description = textInput(input.description, 'lines') ?? '';
  const length = charLength(description);
  if (typeof input.description !== 'string' && input.description !== undefined)
    fields.description = `请描述具体情况，${WRONG_TYPE}`;
  else if (length < LIMITS.descriptionMin)
    fields.description = `请描述具体情况，至少 ${LIMITS.descriptionMin} 个字`;
  else if (length > LIMITS.descriptionMax)
    fields.description = `描述最多 ${LIMITS.descriptionMax} 个字，当前 ${length} 个字`;

  const photos = Array.isArray(input.photos) ? input.photos : input.photos === undefined ? [] : null;
  if (!photos || photos.some((p) => typeof p !== 'string' || !p)) fields.photos = '照片信息无效，请重新上传';
  else if (photos.length > LIMITS.photosMax) fields.photos = `最多上传 ${LIMITS.photosMax} 张照片`;
  else if (new Set(photos).size !== photos.length) fields.photos = '有重复的照片';
  else if (
    photoOwner !== undefined &&
    photos.some((p) => !(p as string).includes(`/${photoPrefix(photoOwner)}`))
  ) {
    fields.photos = '只能使用您本人上传的照片';
  }
  const voiceNotes = checkVoiceNotes(input.voiceNotes, fields, photoOwner);
  if (photos && voiceNotes?.some((n) => photos.includes(n.fileID))) fields.voiceNotes = '有重复的声音留言';

  const anonymous = input.anonymous === true;
  if (input.anonymous !== undefined && typeof input.anonymous !== 'boolean')
    fields.anonymous = '请选择是否匿名反映';
  const phoneText = textInput(input.phone);
  const phone = (phoneText ?? '').replace(/\s/g, '');
  const contactNameText = textInput(input.contactName);
  const contactName = contactNameText ?? '';
  if (phoneText === null) fields.phone = `电话${WRONG_TYPE}`;
  if (contactNameText === null) fields.contactName = `称呼${WRONG_TYPE}`;
  if (anonymous && (phone || contactName)) {
    fields.anonymous = '匿名反映时不能留下姓名和电话';
  } else {
    if (phone && !isValidPhone(phone)) fields.phone = '请填写正确的手机号或带区号的固定电话';
    if (charLength(contactName) > LIMITS.contactNameMax)
      fields.contactName = `称呼最多 ${LIMITS.contactNameMax} 个字`;
  }

  const location = checkPlace(input.location, fields);
  // Older app versions never send the field; a version that does must send `true` with a location.
  const locationConsent = input.locationConsent === true;
  if (input.locationConsent !== undefined && typeof input.locationConsent !== 'boolean')
    fields.location = '请先同意提供位置信息，或移除位置';
  if (location && input.locationConsent !== undefined && !locationConsent)
    fields.location = '请先同意提供位置信息，或移除位置';

  if (input.consent !== true) fields.consent = '请阅读并同意个人信息保护说明';
  // 五公开: asked apart, never required; older app versions never send it.
  if (input.publishConsent !== undefined && typeof input.publishConsent !== 'boolean')
    fields.publishConsent = '请选择是否同意公开办理结果';

  const clientRequestId = asString(input.clientRequestId) ?? '';
  if (!isClientRequestId(clientRequestId)) fields.clientRequestId = CLIENT_REQUEST_ID_MESSAGE;

  const sameProblemAs = asString(input.sameProblemAs)?.trim() || null;
  if (sameProblemAs && !CASE_NO_PATTERN.test(sameProblemAs)) fields.sameProblemAs = '要加入的诉求编号不正确';

  if (Object.keys(fields).length > 0 || !targetType || !kind) return invalid(fields);

  return ok({
    target: { type: targetType, code },
    kind,
    category,
    description,
    photos: photos as string[],
    ...(voiceNotes?.length ? { voiceNotes } : {}),
    location,
    ...(input.locationConsent === undefined ? {} : { locationConsent }),
    phone: phone || null,
    contactName: contactName || null,
    anonymous,
    consent: true,
    clientRequestId,
    publishConsent: input.publishConsent === true,
    ...(sameProblemAs ? { sameProblemAs } : {}),
  });
}

/** Validates a deputy's reply. */
export function validateReply(raw: unknown):
  | Success<{
      caseId: string;
      content: string;
      clientRequestId: string;
      /** Null when an older app version sent none (recorded as 未注明). */
      outcome: AnswerOutcome | null;
    }>
  | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Fields = {};
  const caseId = asString(input.caseId) ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(caseId)) fields.caseId = '诉求编号无效';
  const content = textInput(input.content, 'lines') ?? '';
  const length = charLength(content);
  if (typeof input.content !== 'string' && input.content !== undefined)
    fields.content = `答复内容${WRONG_TYPE}`;
  else if (length < LIMITS.replyMin) fields.content = `请填写答复内容，至少 ${LIMITS.replyMin} 个字`;
  else if (length > LIMITS.replyMax) fields.content = `答复最多 ${LIMITS.replyMax} 个字，当前 ${length} 个字`;
  const clientRequestId = asString(input.clientRequestId) ?? '';
  if (!isClientRequestId(clientRequestId)) fields.clientRequestId = CLIENT_REQUEST_ID_MESSAGE;
  let outcome: AnswerOutcome | null = null;
  if (input.outcome !== undefined && input.outcome !== null) {
    if (ANSWER_OUTCOMES.includes(input.outcome as AnswerOutcome)) outcome = input.outcome as AnswerOutcome;
    else fields.outcome = '请选择办理结果：已解决或采纳、列入计划，或留作参考/解释说明';
  }
  const problems = Object.keys(fields);
  if (problems.length > 0) return invalid(fields);
  return ok({ caseId, content, clientRequestId, outcome });
}
