/**
 * Appeals read together (问题类别 / 相似诉求): what an appeal's text says (jieba, pinyin, a
 * taxonomy of the 12345 hotlines' classes, places kept apart), how alike two appeals are, the open
 * cases like one case, the appeals like a resident's draft, and a period's classes of problems with
 * the office's corrections.
 */
export { classCorrections, classesOf, correctClasses, problemClasses } from './classes';
export { maskedExcerpt } from './read';
export {
  groupAppeals,
  placeInGroups,
  type Appeal,
  type Correction,
  type Group,
  type Grouping,
} from './cluster';
export { adjustedRandIndex, purity } from './metrics';
export { segmenterLoaded } from './segment';
export { Corpus, likeness, mainClass, type Likeness, type Profile } from './similarity';
export { linkProblem, similarAppeals, similarCases } from './similar';
export { analyse, TAXONOMY, type Analysis, type AppealText } from './text';
