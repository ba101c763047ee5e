import { truncate } from '../../../miniprogram/core/text';
import { OPEN_STATUSES } from '../../../miniprogram/core/model';
import { collection, READ_PAGE, type CaseDoc, type Db } from '../platform';
import type { AppealText } from './text';

/** What the problems area reads of a case: its text, its place and who handles it. */
export type CaseText = Pick<
  CaseDoc,
  | '_id'
  | 'caseNo'
  | 'openid'
  | 'description'
  | 'category'
  | 'categoryName'
  | 'location'
  | 'deputyId'
  | 'stationId'
  | 'unitId'
  | 'status'
  | 'createdAt'
  | 'problemLinks'
>;

export const CASE_TEXT_FIELDS = {
  caseNo: true,
  openid: true,
  description: true,
  category: true,
  categoryName: true,
  location: true,
  deputyId: true,
  stationId: true,
  unitId: true,
  status: true,
  createdAt: true,
  problemLinks: true,
} as const;

/** The open cases compared against: the district's newest, at most this many. */
export const MAX_OPEN_CASES = 5000;

export const appealTextOf = (c: Pick<CaseText, 'description' | 'category' | 'location'>): AppealText => ({
  description: c.description,
  category: c.category,
  location: c.location,
});

/** The district's open cases, newest first (at most MAX_OPEN_CASES), read page by page. */
export async function openCases(db: Db): Promise<CaseText[]> {
  const _ = db.command;
  const out: CaseText[] = [];
  const seen = new Set<string>();
  let before: number | null = null;
  while (out.length < MAX_OPEN_CASES) {
    const where: object =
      before === null
        ? { status: _.in(OPEN_STATUSES) }
        : { status: _.in(OPEN_STATUSES), createdAt: _.lte(before) };
    const { data } = await collection(db, 'cases')
      .where(where)
      .orderBy('createdAt', 'desc')
      .limit(READ_PAGE)
      .field<CaseText>({ _id: true, ...CASE_TEXT_FIELDS })
      .get();
    const fresh = data.filter((d) => !seen.has(d._id));
    for (const d of fresh) seen.add(d._id);
    out.push(...fresh);
    if (data.length < READ_PAGE || fresh.length === 0) break;
    before = data[data.length - 1].createdAt;
  }
  return out.slice(0, MAX_OPEN_CASES);
}

/** A word that names a person (李先生, 王阿姨) or holds digits: never shown as a class's keyword. */
export const isPersonalWord = (word: string): boolean =>
  /(先生|女士|小姐|阿姨|大爷|师傅|老师|大姐|大哥)$|\d/.test(word);

/**
 * Another person's words, as a summary others may read: cut short, digits (phone numbers, house
 * numbers) and forms of address (王先生, 李阿姨) hidden.
 */
export function maskedExcerpt(text: string, max = 40): string {
  return truncate(
    text
      .replace(/\d{3,}/g, (digits) => '*'.repeat(Math.min(digits.length, 4)))
      .replace(/[\u4e00-\u9fa5](先生|女士|小姐|阿姨|大爷|师傅|老师|大姐|大哥)/g, '某$1')
      .replace(/\d+\s*(号楼|栋|幢|单元|室|号)/g, '*$1'),
    max,
  );
}
