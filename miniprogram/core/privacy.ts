import { invalid, ok, type Failure, type Success } from './result';

/**
 * Personal data (个人信息) under PIPL: how long a finished case keeps it, what it is, and how the
 * resident agreed to give it. Shared by the office's settings screen and the functions
 * (cloudfunctions/_lib/privacy/); docs/decisions/0012-personal-data-retention.md says why.
 */

/**
 * How many days after a case is finished (办结, 解释说明 or 合并) its personal data is removed. The
 * office chooses within the bounds: at least a month, so that a resident can still call about the
 * answer they were given; at most three years, as no handling needs contact details that long.
 */
export const RETENTION_DAYS = { default: 180, min: 30, max: 1095 } as const;

/** Validates the office's choice of retention period, in whole days. */
export function validateRetentionDays(raw: unknown): Success<number> | Failure {
  const days = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (
    typeof days !== 'number' ||
    !Number.isInteger(days) ||
    days < RETENTION_DAYS.min ||
    days > RETENTION_DAYS.max
  ) {
    return invalid({
      closedCaseDays: `请填写 ${RETENTION_DAYS.min} 到 ${RETENTION_DAYS.max} 之间的整数天数`,
    });
  }
  return ok(days);
}

/**
 * The personal data a case can hold, as removed. The case's photos count as a whole: the product
 * cannot tell which of them show people, so all of them go.
 */
export type PersonalField =
  'contactName' | 'phone' | 'location' | 'photos' | 'voiceNotes' | 'ratingComment' | 'openid';

export const PERSONAL_FIELD_LABELS: Record<PersonalField, string> = {
  contactName: '称呼',
  phone: '联系电话',
  location: '位置',
  photos: '照片',
  voiceNotes: '声音留言',
  ratingComment: '评价留言',
  openid: '与微信的关联',
};

/**
 * How the resident agreed to give the case's location. `separate`: its own consent, asked before
 * the location picker opens. `notice`: an app version from before that asked no separate consent;
 * its privacy notice named the location among what the resident agreed to give.
 */
export type LocationConsent = 'separate' | 'notice';

export const LOCATION_CONSENT_LABELS: Record<LocationConsent, string> = {
  separate: '单独同意',
  notice: '随个人信息保护说明同意',
};

/** Why a case's personal data was removed: the retention period ran out, or the resident asked. */
export type RedactionReason = 'retention' | 'request';

export const REDACTION_REASON_LABELS: Record<RedactionReason, string> = {
  retention: '保存期满',
  request: '本人申请',
};
