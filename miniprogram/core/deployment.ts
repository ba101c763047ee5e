/**
 * The deployment's own values that the phone and the functions both need, in one place: the
 * CloudBase environment that trial and release builds talk to, and the subscribe-message templates
 * (their IDs from the WeChat public platform, 订阅消息, and the keyword key each field goes into).
 * What is committed here are placeholders; fill them in when deploying, and `npm run check:deploy`
 * (scripts/check-deploy.ts) refuses an upload while any is left. Secrets never go here: they go in
 * the uncommitted `.env.cloud`.
 */

/** A keyword key of a subscribe-message template, e.g. `thing3`: its type, then its number. */
export type KeywordKey = `${KeywordType}${number}`;
export type KeywordType = 'thing' | 'phrase' | 'character_string' | 'time' | 'date';

/** What a message says, field by field; each deployment maps a field to its template's keyword key. */
export interface CaseReceivedKeys {
  /** 受理编号 */
  caseNo: KeywordKey;
  /** 诉求类型: kind · category */
  kind: KeywordKey;
  /** 诉求内容 */
  summary: KeywordKey;
  /** 提交时间 */
  time: KeywordKey;
}

export interface CaseUpdatedKeys {
  /** 受理编号 (a reception day's date in a duty reminder) */
  caseNo: KeywordKey;
  /** 办理状态 */
  status: KeywordKey;
  /** 说明 */
  note: KeywordKey;
  /** 时间 */
  time: KeywordKey;
}

export interface TemplateSetting<K> {
  id: string;
  /** The page a tap on the message opens. */
  page: string;
  keys: K;
}

export interface Deployment {
  /** The CloudBase environment ID of trial (体验版) and release (正式版) builds. */
  envId: string;
  templates: {
    /** To the deputy (or station staff): 新诉求提醒. */
    caseReceived: TemplateSetting<CaseReceivedKeys>;
    /** To the resident: 诉求进度通知. */
    caseUpdated: TemplateSetting<CaseUpdatedKeys>;
    /** To whoever handles the case (deputy, staff, unit, office), and duty reminders: 诉求办理提醒. */
    caseProgress: TemplateSetting<CaseUpdatedKeys>;
  };
}

/** Marks a value still to be filled in; check:deploy refuses any string that starts with it. */
export const PLACEHOLDER_PREFIX = 'replace-with-';

export const DEPLOYMENT: Deployment = {
  envId: 'replace-with-cloudbase-env-id',
  templates: {
    caseReceived: {
      id: 'replace-with-template-id-case-received',
      page: 'pages/deputy/case/index',
      keys: { caseNo: 'character_string1', kind: 'thing2', summary: 'thing3', time: 'time4' },
    },
    caseUpdated: {
      id: 'replace-with-template-id-case-updated',
      page: 'pages/case/index',
      keys: { caseNo: 'character_string1', status: 'phrase2', note: 'thing3', time: 'time4' },
    },
    caseProgress: {
      id: 'replace-with-template-id-case-progress',
      page: 'pages/deputy/case/index',
      keys: { caseNo: 'character_string1', status: 'phrase2', note: 'thing3', time: 'time4' },
    },
  },
};
