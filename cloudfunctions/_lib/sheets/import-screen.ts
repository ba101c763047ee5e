import type { ImportReport } from '../../../miniprogram/core/api';
import { checkText, TEXT_SCENE, type TextVerdict } from '../platform';

/** A cell of an imported sheet that others will read. */
export interface ImportText {
  sheet: string;
  row: number;
  column: string;
  text: string;
}

/** How many text checks run at once: WeChat allows 4,000 a minute per app. */
const CHECKS_AT_ONCE = 20;

/**
 * WeChat's text check of imported cells (decision 0015), as 资料 with the importer's OpenID, each
 * distinct text once. A risky cell is a problem of its row; one sent to review is accepted and logged.
 */
export async function riskyCells(openid: string, texts: ImportText[]): Promise<ImportReport['problems']> {
  const verdicts = new Map<string, TextVerdict>();
  const distinct = [...new Set(texts.map((t) => t.text))];
  for (let i = 0; i < distinct.length; i += CHECKS_AT_ONCE) {
    const batch = distinct.slice(i, i + CHECKS_AT_ONCE);
    const checks = await Promise.all(batch.map((text) => checkText(text, openid, TEXT_SCENE.profile)));
    batch.forEach((text, j) => verdicts.set(text, checks[j].verdict));
  }
  const problems: ImportReport['problems'] = [];
  for (const { sheet, row, column, text } of texts) {
    const verdict = verdicts.get(text);
    if (verdict === 'risky') problems.push({ sheet, row, column, message: '含有不适宜发布的内容' });
    else if (verdict === 'review')
      console.warn('[directory import] accepted for review:', sheet, row, column);
  }
  return problems;
}
