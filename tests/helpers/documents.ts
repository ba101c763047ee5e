import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * Reading back the files the product makes, as the people who receive them would: a workbook with
 * exceljs's reader, a PDF with poppler (Debian package poppler-utils): pdftoppm renders its pages
 * to PNG for zbarimg, pdftotext reads its text, pdfinfo and pdffonts and pdfimages describe it.
 */

export async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`download ${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Each sheet's rows as text cells, by sheet name (row 1 first). */
export async function readWorkbook(bytes: Buffer): Promise<Map<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheets = new Map<string, string[][]>();
  book.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

function withPdf<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** Every page rendered to PNG at `dpi`, in order. */
export function pdfPages(pdf: Buffer, dpi = 100): Buffer[] {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((name) => name.startsWith('page'))
      .sort()
      .map((name) => readFileSync(join(dir, name)));
  });
}

/** The text of each page, as a reader would copy it. */
export function pdfText(pdf: Buffer): string[] {
  return withPdf(pdf, (file) => run('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1));
}

export function pdfPageCount(pdf: Buffer): number {
  return withPdf(pdf, (file) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]));
}

/** The fonts, as `pdffonts` lists them: name, type, embedded. */
export function pdfFonts(pdf: Buffer): Array<{ name: string; embedded: boolean }> {
  return withPdf(pdf, (file) =>
    run('pdffonts', [file])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
      }),
  );
}

/** The page number of every image drawn, as `pdfimages -list` reports it. */
export function pdfImagePages(pdf: Buffer): number[] {
  return withPdf(pdf, (file) =>
    run('pdfimages', ['-list', file])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => Number(line.trim().split(/\s+/)[0])),
  );
}
