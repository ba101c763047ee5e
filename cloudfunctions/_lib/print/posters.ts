import type { Target } from '../../../miniprogram/core/codes';
import { printableQrModules } from '../codes';
import { A4, drawQr, pdfWriter, type Pdf } from './pdf';

/**
 * 亮码 posters: one A4 page per deputy or station, for the wall of a station, a community notice
 * board or a deputy's door. What a passer-by needs and nothing else: who this is, the code, what
 * scanning it does in plain words, and when the station receives people in person.
 *
 * The code is the printable QR code (codes/ printableQrModules: the same URL as the deputy's own
 * 我的代表码 image), drawn as vector squares so it prints sharp at any size.
 */

export interface PosterSubject {
  target: Target;
  /** The deputy's or the station's name. */
  name: string;
  /** 区县人大代表, 村（社区）代表联络站, … */
  level: string;
  /** The deputy's title (职务), if any. */
  title: string | null;
  /** The deputy's station, or null (a station's own poster, or a deputy without one). */
  station: string | null;
  /** 每月10日（节假日顺延）: the station's reception rule. */
  reception: string | null;
  address: string | null;
  openingHours: string | null;
  /** On a station's poster: the deputies who receive people there. */
  deputies: string[];
  /** A JPEG or PNG of the deputy, when the office has one. */
  photo: Buffer | null;
}

const MARGIN = 48;
const RED = '#b71c1c';
const INK = '#1a1a1a';
const GREY = '#555555';
const QR_SIDE = 280;

const HOW_TO = {
  deputy: [
    '1. 打开微信，点右上角「＋」里的「扫一扫」，对准上面的二维码。',
    '2. 选择求助、投诉、建议或咨询，写下您的事，可以拍照片，也可以不留姓名。',
    '3. 提交后马上得到受理编号；代表会答复您，办理进度在「我的诉求」里随时能看。',
  ],
  station: [
    '1. 打开微信，点右上角「＋」里的「扫一扫」，对准上面的二维码。',
    '2. 看联络站的接待日和值班代表，也可以直接写下您的求助、投诉、建议或咨询。',
    '3. 提交后马上得到受理编号；代表会答复您，办理进度在「我的诉求」里随时能看。',
  ],
} as const;

const MAX_DEPUTIES_SHOWN = 12;

function deputiesLine(names: readonly string[]): string {
  if (names.length <= MAX_DEPUTIES_SHOWN) return `驻站代表：${names.join('、')}`;
  return `驻站代表：${names.slice(0, MAX_DEPUTIES_SHOWN).join('、')} 等 ${names.length} 位`;
}

function header(doc: Pdf): void {
  doc.rect(0, 0, A4.width, 150).fill(RED);
  doc.fillColor('#ffffff').fontSize(46).text('扫码找代表', 0, 36, { width: A4.width, align: 'center' });
  doc.fontSize(16).text('有事找代表 · 民意直通车', 0, 102, { width: A4.width, align: 'center' });
}

/** A photo that is not a JPEG or PNG, or is damaged, leaves the poster without it rather than failing it. */
function photo(doc: Pdf, bytes: Buffer | null, x: number, y: number): boolean {
  if (!bytes) return false;
  try {
    doc.image(bytes, x, y, { fit: [96, 128], align: 'center', valign: 'center' });
    return true;
  } catch {
    return false;
  }
}

function identity(doc: Pdf, s: PosterSubject): void {
  const top = 176;
  const hasPhoto = photo(doc, s.photo, MARGIN, top);
  const x = hasPhoto ? MARGIN + 96 + 20 : MARGIN;
  const width = A4.width - x - MARGIN;
  const align = hasPhoto ? 'left' : 'center';
  doc.fillColor(INK).fontSize(s.target.type === 'deputy' ? 34 : 28);
  doc.text(s.name, x, top, { width, align, lineBreak: true, height: 84, ellipsis: true });
  doc.fillColor(GREY).fontSize(14);
  const lines = [
    s.title ? `${s.level} · ${s.title}` : s.level,
    s.station,
    s.deputies.length > 0 ? deputiesLine(s.deputies) : null,
  ];
  doc.text(lines.filter(Boolean).join('\n'), x, doc.y + 6, { width, align, height: 66, ellipsis: true });
}

function code(doc: Pdf, s: PosterSubject, prefix: string | undefined): void {
  const x = (A4.width - QR_SIDE) / 2;
  const y = 318;
  drawQr(doc, printableQrModules(s.target, { prefix }), x, y, QR_SIDE);
  const label = s.target.type === 'deputy' ? '代表码' : '联络站码';
  doc
    .fillColor(GREY)
    .fontSize(12)
    .text(`${label} ${s.target.code}`, 0, y + QR_SIDE + 4, {
      width: A4.width,
      align: 'center',
    });
}

function howTo(doc: Pdf, s: PosterSubject): void {
  doc
    .fillColor(RED)
    .fontSize(16)
    .text('怎么用', MARGIN, 640, { width: A4.width - 2 * MARGIN });
  doc.fillColor(INK).fontSize(12.5);
  for (const line of HOW_TO[s.target.type]) doc.text(line, { width: A4.width - 2 * MARGIN, paragraphGap: 3 });
}

function footer(doc: Pdf, s: PosterSubject): void {
  const top = 752;
  doc
    .moveTo(MARGIN, top)
    .lineTo(A4.width - MARGIN, top)
    .lineWidth(0.6)
    .stroke('#cccccc');
  const lines = [
    s.reception
      ? `接待日：${s.reception}，代表在联络站当面听取您的意见`
      : '平时可随时扫码反映，代表会尽快答复',
    [s.address ? `地址：${s.address}` : null, s.openingHours ? `开放时间：${s.openingHours}` : null]
      .filter(Boolean)
      .join('　'),
  ].filter(Boolean);
  doc
    .fillColor(INK)
    .fontSize(12)
    .text(lines.join('\n'), MARGIN, top + 10, {
      width: A4.width - 2 * MARGIN,
      align: 'center',
      height: 60,
      ellipsis: true,
    });
}

/** One poster on a new page. */
export function drawPoster(doc: Pdf, subject: PosterSubject, prefix?: string): void {
  doc.addPage({ size: 'A4', margin: 0 });
  header(doc);
  identity(doc, subject);
  code(doc, subject, prefix);
  howTo(doc, subject);
  footer(doc, subject);
}

/**
 * Writes one PDF with a page per subject, in the order given, to `outPath`. Subjects come in batches
 * (an async iterable), so photos can be fetched a batch at a time and the whole directory never sits
 * in memory. Answers the number of pages.
 */
export async function writePosters(
  subjects: AsyncIterable<readonly PosterSubject[]> | Iterable<readonly PosterSubject[]>,
  outPath: string,
  options: { prefix?: string; title?: string } = {},
): Promise<number> {
  const writer = pdfWriter(outPath, { title: options.title ?? '扫码找代表 · 海报' });
  let pages = 0;
  for await (const batch of subjects) {
    for (const subject of batch) {
      drawPoster(writer.doc, subject, options.prefix);
      pages += 1;
    }
  }
  if (pages === 0) {
    // An empty PDF is not a valid one: say so on its only page.
    writer.doc.addPage({ size: 'A4', margin: MARGIN });
    writer.doc.fontSize(16).text('没有需要打印的海报：名册里没有在任的代表或在用的联络站。');
  }
  await writer.finish();
  return pages;
}
