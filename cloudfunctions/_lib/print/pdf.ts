import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Modules } from '../codes';
import { fontBytes } from './font';

/**
 * PDF documents (PDFKit) with the Chinese font embedded, written to a file as they go: a page is
 * flushed once the next one starts, so thousands of pages take the memory of a few. Posters use
 * it, and so will the reports printed for the office.
 */

export type Pdf = PDFKit.PDFDocument;

/** A4 in PDF points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface PdfWriter {
  doc: Pdf;
  /** Ends the document and resolves once the file is complete on disk. */
  finish(): Promise<void>;
}

export function pdfWriter(outPath: string, info: { title: string; author?: string }): PdfWriter {
  const doc = new PDFDocument({
    autoFirstPage: false,
    // Setting the font here keeps PDFKit from loading its built-in Helvetica, which would need
    // files the function's bundle does not carry, and which has no Chinese. PDFKit takes the font's
    // bytes as readily as a path; its typings name only the path.
    font: fontBytes() as unknown as string,
    info: { Title: info.title, Author: info.author ?? '代表码', Creator: '代表码' },
    compress: true,
  });
  const out = createWriteStream(outPath);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  return {
    doc,
    finish() {
      doc.end();
      return done;
    },
  };
}

/**
 * Draws a QR symbol as dark squares, `side` points wide with the symbol's quiet zone (4 modules)
 * inside it. Each row's runs of dark modules are one rectangle, filled in one operation.
 */
export function drawQr(doc: Pdf, modules: Modules, x: number, y: number, side: number): void {
  const quiet = 4;
  const unit = side / (modules.size + 2 * quiet);
  doc.save();
  doc.rect(x, y, side, side).fill('#ffffff');
  for (let r = 0; r < modules.size; r++) {
    let c = 0;
    while (c < modules.size) {
      if (!modules.data[r * modules.size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < modules.size && modules.data[r * modules.size + c]) c++;
      // A hair of overlap between rows keeps viewers from drawing white seams between them.
      doc.rect(x + (quiet + start) * unit, y + (quiet + r) * unit, (c - start) * unit, unit + 0.01);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
