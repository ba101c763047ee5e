import { chinaDateTime } from '../../../miniprogram/core/china-time';
import { A4, pdfWriter, type Pdf } from '../print';
import type { ReportClass, ReportContent } from './content';

/**
 * The 民情专报 printed: A4, the Chinese font embedded (print/), text flowing from page to page.
 * Sections: 一、总体情况 (figures), 二、主要问题类别, 三、办理成效,
 * 四、难点堵点 (stuck), 五、代表建议, 六、工作建议.
 */

const MARGIN = 56;
const WIDTH = A4.width - 2 * MARGIN;

const rate = (value: number | null) => (value === null ? '—' : `${value}%`);

const TREND: Record<ReportClass['trend']['direction'], (c: ReportClass) => string> = {
  new: () => '新出现',
  up: (c) => `比上期增加 ${c.trend.change} 件`,
  down: (c) => `比上期减少 ${-c.trend.change} 件`,
  flat: () => '与上期持平',
};

/** `2026-01-01`…`2026-03-31` as 2026年第一季度 when it is a quarter, else the two dates. */
export function periodTitle(from: string, to: string): string {
  const quarters: Record<string, [string, string]> = {
    '01-01': ['03-31', '一'],
    '04-01': ['06-30', '二'],
    '07-01': ['09-30', '三'],
    '10-01': ['12-31', '四'],
  };
  const q = quarters[from.slice(5)];
  if (q && from.slice(0, 4) === to.slice(0, 4) && to.slice(5) === q[0])
    return `${from.slice(0, 4)}年第${q[1]}季度`;
  return `${from} 至 ${to}`;
}

function heading(doc: Pdf, text: string) {
  doc.moveDown(0.8).fontSize(14).fillColor('#000000').text(text, { width: WIDTH });
  doc.moveDown(0.3).fontSize(10.5);
}

function para(doc: Pdf, text: string, options: PDFKit.Mixins.TextOptions = {}) {
  doc
    .fontSize(10.5)
    .fillColor('#000000')
    .text(text, { width: WIDTH, lineGap: 3, ...options });
}

function muted(doc: Pdf, text: string) {
  doc.fontSize(9).fillColor('#555555').text(text, { width: WIDTH, lineGap: 2 });
  doc.fillColor('#000000');
}

/** Writes the report to `outPath`; answers its page count. */
export async function writeReport(content: ReportContent, outPath: string): Promise<number> {
  const title = `民情专报（${periodTitle(content.period.from, content.period.to)}）`;
  const writer = pdfWriter(outPath, { title, author: '人大常委会代表工委' });
  const { doc } = writer;
  let pages = 0;
  doc.on('pageAdded', () => {
    pages += 1;
  });
  doc.addPage({ size: 'A4', margin: MARGIN });
  doc.fontSize(20).text(title, { width: WIDTH, align: 'center' });
  doc.moveDown(0.4);
  muted(
    doc,
    `统计时段 ${content.period.from} 至 ${content.period.to}（受理日期），数据截至 ${chinaDateTime(content.asOf)}`,
  );

  const f = content.figures;
  heading(doc, '一、总体情况');
  para(
    doc,
    `本期受理群众诉求 ${f.accepted} 件，办理回复 ${f.replied} 件，正在办理 ${f.inProgress} 件，解释说明 ${f.declined} 件，合并 ${f.merged} 件。` +
      `按期回复率 ${rate(f.onTimeRate)}；已评价 ${f.rated} 件，满意 ${f.satisfied} 件、基本满意 ${f.basicallySatisfied} 件、不满意 ${f.unsatisfied} 件，满意率 ${rate(f.satisfactionRate)}。` +
      `超期未办结 ${f.overdue} 件，发回重办 ${f.sentBack} 件，督办 ${f.supervised} 件。`,
  );

  heading(doc, '二、主要问题类别');
  if (content.classes.length === 0) para(doc, '本期没有诉求。');
  else
    muted(
      doc,
      `本期诉求按内容归为 ${content.totalClasses} 类问题，以下为件数最多的 ${content.classes.length} 类（与上期 ${content.previous.from} 至 ${content.previous.to} 比较）。`,
    );
  content.classes.forEach((c, i) => {
    doc.moveDown(0.4);
    para(doc, `${i + 1}. ${c.label}：${c.count} 件，${TREND[c.trend.direction](c)}`);
    const facts = [
      c.keywords.length > 0 ? `关键词：${c.keywords.slice(0, 6).join('、')}` : '',
      c.places.length > 0 ? `集中地点：${c.places.slice(0, 4).join('、')}` : '',
    ].filter(Boolean);
    if (facts.length > 0) muted(doc, facts.join('；'));
    for (const r of c.representatives) muted(doc, `· ${r.caseNo}：${r.excerpt}`);
  });

  heading(doc, '三、办理成效');
  para(
    doc,
    `本期已解决或采纳 ${f.solved} 件，列入计划 ${f.planned} 件，留作参考或解释说明 ${f.explained} 件，办成率 ${rate(f.resolvedRate)}。`,
  );
  for (const c of content.classes)
    muted(doc, `「${c.label}」${c.count} 件：已解决 ${c.solved} 件，仍在办理 ${c.open} 件。`);

  heading(doc, '四、难点堵点');
  const { overdue, unsatisfied } = content.stuckTotal;
  para(doc, `超期未办结 ${overdue} 件，群众不满意 ${unsatisfied} 件。`);
  for (const s of content.stuck)
    muted(
      doc,
      `· ${s.caseNo}（${s.why === 'overdue' ? '超期未办结' : '群众不满意'}，${s.statusLabel}${s.classLabel ? `，${s.classLabel}` : ''}）：${s.excerpt}`,
    );
  if (content.stuck.length < overdue + unsatisfied)
    muted(doc, `另有 ${overdue + unsatisfied - content.stuck.length} 件未列出，详见台账。`);

  heading(doc, '五、代表建议');
  const sf = content.suggestionFigures;
  para(
    doc,
    `本期起草代表建议 ${sf.drafted} 件，提交 ${sf.submitted} 件，收到答复 ${sf.answered} 件，其中已解决或采纳 ${sf.solved} 件，办成率 ${rate(sf.resolvedRate)}。`,
  );
  for (const s of content.suggestions)
    muted(
      doc,
      `· 《${s.title}》（${s.statusLabel}${s.outcomeLabel ? `，${s.outcomeLabel}` : ''}${s.classLabel ? `；源自「${s.classLabel}」` : ''}；联名：${s.signers.join('、')}）`,
    );

  heading(doc, '六、工作建议');
  content.advice.forEach((a, i) => para(doc, `${i + 1}. ${a}`));

  await writer.finish();
  return pages;
}
