import { fail, type Failure } from '../../../miniprogram/core/result';
import { checkText, TEXT_SCENE, type TextScene, type TextVerdict } from './wechat';

/**
 * Free text a person types and others see, screened by WeChat's text check before it is stored
 * (decision 0015). Each field is checked with the typist's OpenID and the scene that fits it:
 * names, addresses and directory entries as 资料 (1), comments, replies, notes and reasons as
 * 评论 (2), what a person reports as 论坛 (3). `risky` refuses the whole input, naming every risky
 * field; `review` is accepted and the field is reported back so the caller can flag it for the
 * people who handle it; `pass` is accepted.
 *
 * The fields of one scene are checked together, joined by line breaks into one text of at most
 * CHECK_LIMIT characters (decision 0032); only a joined text that does not pass is checked again
 * field by field, so a refusal still names the field to change and each field keeps its own verdict.
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

/** msgSecCheck's longest text, in characters (code points). */
export const CHECK_LIMIT = 2500;

export async function screenTexts(openid: string, texts: TypedText[]): Promise<Screened | Failure> {
  const typed = texts
    .filter((t) => typeof t.text === 'string' && t.text.trim() !== '')
    .map((t) => ({ ...t, text: t.text as string }));
  const verdict = await verdicts(openid, typed);
  const risky = typed.filter((_, i) => verdict[i] === 'risky');
  if (risky.length > 0) {
    const labels = [...new Set(risky.map((t) => t.label))].join('、');
    return fail(
      'CONTENT.RISKY',
      `${labels}中含有不适宜发布的内容，请修改后再提交`,
      Object.fromEntries(risky.map((t) => [t.field, `${t.label}中含有不适宜发布的内容`])),
    );
  }
  return { review: typed.filter((_, i) => verdict[i] === 'review').map((t) => t.field) };
}

type Checked = TypedText & { text: string };

/** Each text's verdict, in order: one check per joined group, field by field only where a group did not pass. */
async function verdicts(openid: string, typed: Checked[]): Promise<TextVerdict[]> {
  const out: TextVerdict[] = typed.map(() => 'pass');
  await Promise.all(
    checkGroups(typed).map(async (group) => {
      const { scene } = typed[group[0]];
      const joined = await checkText(group.map((i) => typed[i].text).join('\n'), openid, scene);
      if (group.length === 1 || joined.verdict === 'pass') {
        for (const i of group) out[i] = joined.verdict;
        return;
      }
      const each = await Promise.all(group.map((i) => checkText(typed[i].text, openid, scene)));
      group.forEach((i, k) => (out[i] = each[k].verdict));
    }),
  );
  return out;
}

/**
 * The texts, as indexes, packed into groups of one scene whose texts joined by line breaks stay
 * within CHECK_LIMIT characters, in the order given. A text longer than that is a group of its own.
 */
export function checkGroups(typed: Array<{ text: string; scene: TextScene }>): number[][] {
  const open = new Map<TextScene, { indexes: number[]; length: number }>();
  const done: number[][] = [];
  typed.forEach(({ text, scene }, i) => {
    const length = Array.from(text).length;
    const current = open.get(scene);
    if (current && current.length + 1 + length <= CHECK_LIMIT) {
      current.indexes.push(i);
      current.length += 1 + length;
      return;
    }
    if (current) done.push(current.indexes);
    open.set(scene, { indexes: [i], length });
  });
  return [...done, ...Array.from(open.values(), (g) => g.indexes)];
}
