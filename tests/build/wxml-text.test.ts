/**
 * WeChat's `<text>` keeps the line breaks of its source: a `<text>` whose content the formatter has
 * spread over several lines shows stray empty lines around its words on the phone (按住说话 sat at the
 * bottom of its button). Words that need their own line or a block go in a `<view>`; a `<text>` holds
 * its content on one line.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', 'miniprogram');

function wxmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : wxmlFiles(full);
    return entry.name.endsWith('.wxml') ? [full] : [];
  });
}

/** The content of every outermost `<text>` element of a WXML source, with the line it starts on. */
function textContents(source: string): Array<{ line: number; content: string }> {
  const found: Array<{ line: number; content: string }> = [];
  const tag = /<(\/?)text(?=[\s>/])[^>]*?(\/?)>/g;
  let depth = 0;
  let start = 0;
  let line = 0;
  for (const match of source.matchAll(tag)) {
    const [whole, closing, selfClosing] = match;
    const at = match.index ?? 0;
    if (closing) {
      depth -= 1;
      if (depth === 0) found.push({ line, content: source.slice(start, at) });
    } else if (!selfClosing) {
      if (depth === 0) {
        start = at + whole.length;
        line = source.slice(0, at).split('\n').length;
      }
      depth += 1;
    }
  }
  return found;
}

describe('<text> in WXML', () => {
  it('finds the content of nested and multi-line text elements', () => {
    const source =
      '<view>\n  <text\n    class="a">x <text>y</text></text>\n  <text-size-bar />\n  <text>\n  z\n</text>\n</view>';
    expect(textContents(source)).toEqual([
      { line: 2, content: 'x <text>y</text>' },
      { line: 5, content: '\n  z\n' },
    ]);
  });

  it('never spreads its content over several lines', () => {
    const broken = wxmlFiles(root).flatMap((file) =>
      textContents(fs.readFileSync(file, 'utf8'))
        .filter(({ content }) => content.includes('\n'))
        .map(({ line }) => `${path.relative(root, file)}:${line}`),
    );
    expect(broken).toEqual([]);
  });
});
