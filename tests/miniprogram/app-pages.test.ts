import fs from 'node:fs';
import path from 'node:path';
import { miniprogramRoot } from './helpers';

/** Every page app.json names is there (WeChat refuses to build otherwise), and every page is named. */

interface AppJson {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
}

const app = JSON.parse(fs.readFileSync(path.join(miniprogramRoot, 'app.json'), 'utf8')) as AppJson;
const named = [
  ...app.pages,
  ...app.subPackages.flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`)),
];

describe('app.json', () => {
  it.each(named)('%s has its code, template and settings', (page) => {
    for (const ext of ['.ts', '.wxml', '.json'])
      expect(fs.existsSync(path.join(miniprogramRoot, `${page}${ext}`))).toBe(true);
  });

  it('names every page under pages/ (a component kept beside its page is not one)', () => {
    const isComponent = (json: string) =>
      (JSON.parse(fs.readFileSync(path.join(miniprogramRoot, json), 'utf8')) as { component?: boolean })
        .component === true;
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(miniprogramRoot, dir), { withFileTypes: true })) {
        const relative = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(relative);
        else if (entry.name === 'index.wxml' && !isComponent(relative.replace(/\.wxml$/, '.json')))
          found.push(relative.replace(/\.wxml$/, ''));
      }
    };
    walk('pages');

    expect(found.filter((page) => !named.includes(page))).toEqual([]);
  });
});
