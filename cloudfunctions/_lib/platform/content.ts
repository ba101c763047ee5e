import { fail, type Failure } from '../../../miniprogram/core/result';
import { checkText, TEXT_SCENE, type TextScene } from './wechat';

/**
 * Free text a person types and others see, screened by WeChat's text check before it is stored
 * (decision 0015). Each field is checked with the typist's OpenID and the scene that fits it:
 * names, addresses and directory entries as 资料 (1), comments, replies, notes and reasons as
 * 评论 (2), what a person reports as 论坛 (3). `risky` refuses the whole input, naming every risky
 * field; `review` is accepted and the field is reported back so the caller can flag it for the
 * people who handle it; `pass` is accepted.
 */

export { TEXT_SCENE };

export interface TypedText {
  /** The input field, as `fields` of a failure names it (`contactName`, `items.0.description`). */
  field: string;
  /** What the person calls the field, in the message (联系人姓名). */
  label: string;
  text: string | null | undefined;
  scene: TextScene;
}

export interface Screened {
  /** Fields WeChat asked a person to review; accepted. */
  review: string[];
}

export async function screenTexts(openid: string, texts: TypedText[]): Promise<Screened | Failure> {
  const typed = texts.filter((t) => typeof t.text === 'string' && t.text.trim() !== '');
  const checks = await Promise.all(typed.map((t) => checkText(t.text as string, openid, t.scene)));
  const risky = typed.filter((_, i) => checks[i].verdict === 'risky');
  if (risky.length > 0) {
    const labels = [...new Set(risky.map((t) => t.label))].join('、');
    return fail(
      'CONTENT.RISKY',
      `${labels}中含有不适宜发布的内容，请修改后再提交`,
      Object.fromEntries(risky.map((t) => [t.field, `${t.label}中含有不适宜发布的内容`])),
    );
  }
  return { review: typed.filter((_, i) => checks[i].verdict === 'review').map((t) => t.field) };
}
