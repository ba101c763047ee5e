import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkMiniprogram, formatReport } from '../../scripts/check-wxml';

const miniprogramRoot = path.join(__dirname, '..', '..', 'miniprogram');

/** Writes `files` (relative path → content) into a fresh temporary folder. */
function folderWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-wxml-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function check(files: Record<string, string>) {
  const root = folderWith(files);
  folders.push(root);
  return checkMiniprogram(root);
}

describe('check-wxml', () => {
  it('passes the real mini-program', () => {
    const report = checkMiniprogram(miniprogramRoot);

    expect(report.failures).toEqual([]);
    expect(report.wxml).toBeGreaterThan(0);
    expect(report.wxss).toBeGreaterThan(0);
    expect(formatReport(report)).toMatch(/^wcc\/wcsc: \d+ wxml, \d+ wxss compiled$/);
  });

  it('names each broken file and only those', () => {
    const report = check({
      'app.wxss': 'page { color: #333; }\n',
      'pages/good/index.wxml': '<case-card title="{{title}}"><view slot="footer">ok</view></case-card>\n',
      'pages/good/index.wxss': '.a { color: red; }\n',
      'pages/good/index.json': '{ "usingComponents": { "case-card": "/components/card/index" } }\n',
      'components/card/index.wxml': '<view>{{title}}<slot name="footer" /></view>\n',
      'components/card/index.json': '{ "component": true }\n',
      'pages/broken/index.wxml': '<view class="a">\n  <text>unclosed</text>\n',
      'pages/broken/index.wxss': '.a { color: red;\n',
      'pages/broken/index.json': '{ "usingComponents": {} }\n',
    });

    expect(report).toMatchObject({ wxml: 3, wxss: 3 });
    expect(report.failures.map((failure) => failure.file)).toEqual([
      'pages/broken/index.wxml',
      'pages/broken/index.wxss',
    ]);
    expect(report.failures[0].message).toContain('end tag missing');
    expect(formatReport(report)).toContain('✗ pages/broken/index.wxml');
    expect(formatReport(report)).toMatch(/2 of 6 files failed to compile/);
  });

  it("reports a page whose .json cannot be read against the page's markup", () => {
    const report = check({
      'pages/a/index.wxml': '<view />\n',
      'pages/a/index.json': '{ "usingComponents": { "x": "/x", } }\n',
    });

    expect(report.failures).toEqual([
      { file: 'pages/a/index.wxml', message: expect.stringMatching(/^pages\/a\/index\.json: /) },
    ]);
  });

  it('rejects bad expressions and misplaced wx:else, which are valid HTML', () => {
    const report = check({
      'expression.wxml': '<view>{{count +}}</view>\n',
      'else.wxml': '<view wx:for="{{list}}">{{item}}</view>\n<view wx:else>none</view>\n',
    });

    expect(report.failures.map((failure) => failure.file).sort()).toEqual(['else.wxml', 'expression.wxml']);
  });

  it('follows references, so a sheet importing a broken one fails and a good import passes', () => {
    const report = check({
      'styles/broken.wxss': '.x { color: red; }}\n',
      'styles/theme.wxss': '.t { color: blue; }\n',
      'pages/a/index.wxss':
        '@import "../../styles/theme.wxss";\n@import "/styles/theme.wxss";\n.a { margin: 0; }\n',
      'pages/b/index.wxss': '@import "../../styles/broken.wxss";\n.b { margin: 0; }\n',
      'pages/c/index.wxml':
        '<wxs src="/utils/format.wxs" module="format" />\n<view>{{format.name(user)}}</view>\n',
      'pages/d/index.wxml': '<wxs src="./missing.wxs" module="m" />\n<view />\n',
      'utils/format.wxs': 'module.exports = { name: function (user) { return user.name; } };\n',
    });

    expect(report.failures.map((failure) => failure.file)).toEqual([
      'pages/d/index.wxml',
      'pages/b/index.wxss',
      'styles/broken.wxss',
    ]);
    expect(report.failures[0].message).toContain('missing.wxs not found');
  });
});
