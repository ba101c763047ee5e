import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Chinese font every printed document embeds: Noto Sans SC (思源黑体, Simplified Chinese), as the
 * npm package @embedpdf/fonts-sc ships it. The SIL Open Font License 1.1 lets it be embedded in
 * documents; PDFKit embeds only the glyphs a document uses, so a poster carries a few dozen
 * kilobytes of it, not the 8 MB file.
 *
 * A deployed function has no node_modules: the build copies the file beside the bundle
 * (`fonts/`, scripts/build-functions.ts), and that copy is used when it is there.
 */
export const FONT_FILE = 'NotoSansHans-Regular.otf';

/** Where the font is: beside the bundle when built, in the package otherwise. */
export function fontPath(): string {
  const bundled = join(__dirname, 'fonts', FONT_FILE);
  if (existsSync(bundled)) return bundled;
  return join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', FONT_FILE);
}

let loaded: Buffer | null = null;

/** The font's bytes, read once per function instance. */
export function fontBytes(): Buffer {
  loaded ??= readFileSync(fontPath());
  return loaded;
}
