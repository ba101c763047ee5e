/**
 * The standard look's floors, read from the WXSS itself so they cannot slide back unnoticed: no
 * content text under 28rpx (a size is a variable from app.wxss, or a literal of 28rpx or more, or a
 * decorative glyph's), the shared tappable classes at least as tall as `--tap-min`, and a line of
 * tappable text at least as wide.
 * tests/miniprogram/text-size.test.ts checks the variables' own values, in both looks.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', 'miniprogram');

function wxssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : wxssFiles(full);
    return entry.name.endsWith('.wxss') ? [full] : [];
  });
}

/** Every rule of a file as selector → declarations (comments removed). */
function rules(file: string): Array<{ selector: string; body: string }> {
  const css = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((match) => ({
    selector: match[1].trim(),
    body: match[2],
  }));
}

const FILES = wxssFiles(root).map((file) => path.relative(root, file));

describe('WXSS floors', () => {
  it('finds the stylesheets', () => {
    expect(FILES).toContain('app.wxss');
    expect(FILES.length).toBeGreaterThan(20);
  });

  it.each(FILES)('%s: no text under 28rpx', (file) => {
    const small = rules(path.join(root, file)).flatMap(({ selector, body }) =>
      [...body.matchAll(/font-size:\s*([^;]+);/g)]
        .map((match) => match[1].trim())
        .filter((value) => !value.startsWith('var(--font-'))
        .filter((value) => !(/^\d+rpx$/.test(value) && Number.parseInt(value, 10) >= 28))
        .map((value) => `${selector} { font-size: ${value} }`),
    );

    expect(small).toEqual([]);
  });

  it.each([
    '.chip',
    '.tab',
    '.button-small',
    '.tappable',
    '.field__input',
    '.button-primary',
    '.button-plain',
    '.switch-row',
    '.date-field',
  ])('app.wxss: %s is a finger tall', (selector) => {
    const rule = rules(path.join(root, 'app.wxss')).find((candidate) => candidate.selector === selector);

    expect(rule?.body).toMatch(/min-height:\s*var\(--tap-(min|main)\)/);
  });

  // A short word (撤销, 排行 ›) is narrower than a finger: the class, not each page, makes it wide.
  it('app.wxss: .tappable is a finger wide', () => {
    const rule = rules(path.join(root, 'app.wxss')).find((candidate) => candidate.selector === '.tappable');

    expect(rule?.body).toMatch(/min-width:\s*var\(--tap-min\)/);
  });

  it('glues no two small buttons together', () => {
    const rule = rules(path.join(root, 'app.wxss')).find(
      (candidate) => candidate.selector === '.button-small + .button-small',
    );

    expect(rule?.body).toMatch(/margin-left:\s*[1-9]\d*rpx/);
  });
});
