/**
 * Turns a page rendered by miniprogram-simulate into a self-contained HTML file that a browser lays
 * out as WeChat would at 375 px: the simulator's DOM (wx-view, wx-text, … with class names prefixed
 * per component) with the prefixes taken off, and every WXSS file of the mini-program with rpx turned
 * into px (750rpx = 375px), over a small stylesheet standing in for WeChat's built-in components.
 * Component styles are not isolated here; the project's class names are BEM-style and unique, so
 * nothing leaks where it would not in WeChat.
 */
import fs from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { miniprogramRoot, type Found } from '../helpers';

/** Screen width in px; 750rpx fill it. */
export const SCREEN_WIDTH = 375;

/** What WeChat's built-in components look like, as far as these screens use them (style v2). */
const BUILT_IN_CSS = `
wx-view, wx-picker, wx-checkbox-group, wx-scroll-view, wx-form { display: block; }
wx-text { display: inline; white-space: pre-line; }
wx-label { display: inline; }
wx-button { display: block; position: relative; box-sizing: border-box; width: 184px; margin: 0 auto;
  padding: 12px 24px; border-radius: 8px; background-color: #f2f2f2; color: #06ae56; font-size: 17px;
  font-weight: 700; line-height: 1.41176471; text-align: center; overflow: hidden; }
wx-input { display: block; height: 1.4rem; overflow: hidden; white-space: nowrap; text-overflow: clip; }
wx-input, wx-textarea { display: flex; align-items: center; }
wx-textarea { display: block; width: 300px; min-height: 150px; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden;
  background: linear-gradient(135deg, #cfd3da, #e4e7ec); }
wx-switch, wx-checkbox { display: inline-block; flex: none; vertical-align: middle; }
.gallery-switch { width: 52px; height: 32px; border-radius: 16px; background-color: #e5e5e5; position: relative; }
.gallery-switch::after { content: ''; position: absolute; top: 2px; left: 2px; width: 28px; height: 28px;
  border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.gallery-switch.gallery-checked { background-color: #c8161d; }
.gallery-switch.gallery-checked::after { left: 22px; }
.gallery-checkbox { box-sizing: border-box; width: 24px; height: 24px; margin-right: 5px;
  border: 1px solid #d1d1d1; border-radius: 3px; background: #fff; }
.gallery-checkbox.gallery-checked { border-color: #c8161d; background: #c8161d; }
.gallery-placeholder { color: var(--color-text-placeholder); }
`;

/** Every .wxss file under the mini-program, app.wxss first, with rpx in px and `page` as the body. */
function allStyles(width: number): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.wxss') && full !== path.join(miniprogramRoot, 'app.wxss'))
        files.push(full);
    }
  };
  walk(miniprogramRoot);
  const css = [path.join(miniprogramRoot, 'app.wxss'), ...files.sort()]
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  return css
    .replace(/(-?\d*\.?\d+)rpx/g, (_all, n: string) => `${(Number(n) * width) / 750}px`)
    .replace(/(^|[\s,}])page(\s*[{,])/g, '$1body$2');
}

/**
 * Built-in components registered again so that what they show reaches the DOM: an input's value
 * or placeholder, a switch's or checkbox's state. Call once, after helpers.ts registered its own.
 */
const BUILT_INS: Record<
  string,
  { template: string; properties: Record<string, StringConstructor | BooleanConstructor> }
> = {
  input: {
    template:
      '<view wx:if="{{value}}">{{value}}</view><view wx:else class="gallery-placeholder">{{placeholder}}</view>',
    properties: { value: String, placeholder: String, disabled: Boolean },
  },
  textarea: {
    template:
      '<view wx:if="{{value}}">{{value}}</view><view wx:else class="gallery-placeholder">{{placeholder}}</view>',
    properties: { value: String, placeholder: String, disabled: Boolean },
  },
  switch: {
    template: "<view class=\"gallery-switch {{checked ? 'gallery-checked' : ''}}\"></view>",
    properties: { checked: Boolean },
  },
  checkbox: {
    template: "<view class=\"gallery-checkbox {{checked ? 'gallery-checked' : ''}}\"></view>",
    properties: { checked: Boolean, value: String },
  },
};

export function registerBuiltIns(): void {
  for (const [name, { template, properties }] of Object.entries(BUILT_INS)) {
    simulate.load({ id: name, tagName: `wx-${name}`, template, properties });
  }
}

const PREFIXED = /^[a-z][a-z0-9-]*?--/;

/** Events that a finger starts: an element listening to one of them is a tap target. */
const TAP_EVENTS = ['tap', 'longpress', 'longtap', 'touchstart', 'touchend'];

/** What the simulator keeps behind a DOM element: its exparser node and the template's bindings. */
interface Simulated {
  __wxElement?: { _vt?: { event?: Record<string, { name?: string; handler?: string }> } };
}

/**
 * Marks with `data-gallery-tap` every element of `copy` whose original in `source` has a finger
 * event bound (`bind:tap`, `catchtap`, `bind:longpress`, `bind:touchstart`, …). The simulator's DOM
 * keeps no bind attributes; the bindings live on the exparser node behind each element. The audit
 * (audit.js) measures these elements, not a list of class names, as the targets a finger hits.
 */
function markTapTargets(source: HTMLElement, copy: HTMLElement): void {
  const originals = Array.from(source.querySelectorAll('*'));
  const copies = Array.from(copy.querySelectorAll('*'));
  originals.forEach((element, i) => {
    const events = Object.values((element as unknown as Simulated).__wxElement?._vt?.event ?? {});
    if (events.some((event) => event.handler && TAP_EVENTS.includes(event.name ?? '')))
      copies[i]?.setAttribute('data-gallery-tap', '');
  });
}

/**
 * The page as HTML. Component prefixes are the host's tag name (`case-card--`) or `main--`; a
 * class keeps what follows the first `--` only when the rest still names a class of the project.
 */
/** The page as HTML for a screen `width` px wide (375 unless a narrow phone, 360, is shown). */
export function pageHtml(page: Found, title: string, width = SCREEN_WIDTH): string {
  const root = (page.dom as HTMLElement).cloneNode(true) as HTMLElement;
  markTapTargets(page.dom as HTMLElement, root);
  const hosts = new Set([
    'main',
    ...Object.keys(BUILT_INS),
    ...Object.keys(BUILT_INS).map((name) => `wx-${name}`),
  ]);
  root.querySelectorAll('*').forEach((element) => hosts.add(element.tagName.toLowerCase()));
  root.querySelectorAll('[class]').forEach((element) => {
    const classes = (element.getAttribute('class') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => {
        const match = PREFIXED.exec(name);
        if (!match) return name;
        // The longest known prefix: status-tag--status-tag--success is status-tag's status-tag--success.
        for (const host of [...hosts].sort((a, b) => b.length - a.length)) {
          if (name.startsWith(`${host}--`)) return name.slice(host.length + 2);
        }
        return name;
      });
    element.setAttribute('class', classes.join(' '));
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=${width}">
<style>${BUILT_IN_CSS}\n${allStyles(width)}\nhtml, body { margin: 0; width: ${width}px; }</style></head>
<body>${root.innerHTML}</body></html>`;
}
