/* global document, window, getComputedStyle */
/*
 * Runs inside the photographed page (Chromium): measures what the audit table reports and writes
 * it as JSON into <pre id="gallery-audit">, which `chromium --dump-dom` hands back. Plain browser
 * JavaScript, no build step. scripts/gallery.ts sets `window.GALLERY_MODE` ('standard' or 'large')
 * and `window.GALLERY_WIDTH` (px) before this runs; without a mode, the page's own `.large-text`
 * class says it.
 *
 * Every threshold is in rpx, and so is every figure reported: 750rpx are the screen's width, so a
 * length of x px is x × 750 / width rpx (88rpx are 44 px at 375 px, 42.24 px at 360 px).
 *
 * What is measured, so that anyone measuring the same render finds the same figures:
 * - text: every visible element with a text node of its own (placeholders included);
 *   - 标准版: text under 24rpx is flagged;
 *   - 长辈版: text under 36rpx is flagged. "Main text" is all text: decision 0018 sets even the
 *     secondary size (`--font-secondary`) to 36rpx in 长辈版, so no class is excused; and line
 *     height under 1.3 × the font size is flagged (`normal` counts as 1.2, CSS's usual value);
 * - contrast under 4.5:1 (WCAG formula, the text colour over the composed backgrounds behind it);
 * - tap targets: the elements a finger hits, which are (a) every element with a finger event bound
 *   in its template (render.ts marks them `data-gallery-tap`: bind:tap, catchtap, longpress,
 *   touchstart …), (b) WeChat's own controls (button, input, textarea, picker, navigator, slider;
 *   a switch, checkbox or radio counts only when not inside a label or a marked element, which
 *   then takes its tap) and (c) every label (WeChat hands a tap on it to the control inside). A
 *   text inside a tappable row (a `.link` 「打开」) is not a target of its own: the row is. Each
 *   target must be at least 88rpx high AND wide;
 * - 长辈版 main actions: a `wx-button.button-primary`, and every target inside a fixed bar at the
 *   bottom of the screen (position: fixed, bottom: 0), at least 120rpx high;
 * - anything reaching past the screen's right edge.
 */
(function audit() {
  // The screen's width: the window of `chromium --dump-dom` is at least 500 px wide whatever
  // --window-size asks, so the width comes from scripts/gallery.ts (render.ts sets the body's too).
  const width = window.GALLERY_WIDTH || document.body.getBoundingClientRect().width;
  const rpx = (px) => (px * 750) / width;
  const round = (value) => Math.round(value * 10) / 10;
  /** Layout rounds to 1/64 px; a target exactly at the floor must not be flagged for that. */
  const SLACK = 0.1;
  const mode = window.GALLERY_MODE || (document.querySelector('.large-text') ? 'large' : 'standard');
  const large = mode === 'large';
  const TEXT_MIN = large ? 36 : 24;
  const TAP_MIN = 88;
  const MAIN_MIN = 120;
  const LINE_HEIGHT_MIN = 1.3;
  const CONTROLS = 'wx-button, wx-input, wx-textarea, wx-picker, wx-navigator, wx-slider, wx-label';
  const TOGGLES = 'wx-switch, wx-checkbox, wx-radio';

  const rgb = (value) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(value);
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const luminance = ({ r, g, b }) => {
    const channel = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  /** The colour behind an element: its ancestors' backgrounds, composed. */
  const background = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) layers.push(colour);
      if (colour && colour.a === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const label = (element) =>
    (element.getAttribute('aria-label') || element.textContent || '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 16);
  const name = (element) => label(element) || element.className || element.tagName.toLowerCase();

  let smallest = Infinity;
  let smallestText = '';
  const smallText = [];
  const lowContrast = [];
  const tightLines = [];
  for (const element of document.body.querySelectorAll('*')) {
    const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!own || !visible(element)) continue;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    if (size < smallest) {
      smallest = size;
      smallestText = label(element);
    }
    if (rpx(size) < TEXT_MIN - SLACK) smallText.push(`${label(element)} ${round(rpx(size))}rpx`);
    if (large) {
      const lineHeight = style.lineHeight === 'normal' ? 1.2 : parseFloat(style.lineHeight) / size;
      if (lineHeight < LINE_HEIGHT_MIN - 0.005) tightLines.push(`${label(element)} ${lineHeight.toFixed(2)}`);
    }
    const colour = rgb(style.color);
    if (colour) {
      const ratio = contrast(over(colour, background(element)), background(element));
      if (ratio < 4.5) lowContrast.push(`${label(element)} ${ratio.toFixed(1)}:1`);
    }
  }

  const marked = (element) => element.closest('[data-gallery-tap], wx-label') !== null;
  const targets = [
    ...new Set([
      ...document.body.querySelectorAll(`[data-gallery-tap], ${CONTROLS}`),
      ...[...document.body.querySelectorAll(TOGGLES)].filter(
        (element) => !element.parentElement || !marked(element.parentElement),
      ),
    ]),
  ].filter(visible);
  const size = (box) => `${round(rpx(box.height))}×${round(rpx(box.width))}rpx`;
  const smallTaps = targets
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return rpx(Math.min(box.height, box.width)) < TAP_MIN - SLACK;
    })
    .map((element) => `${name(element)} ${size(element.getBoundingClientRect())}`);

  const inBottomBar = (element) => {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === 'fixed' && parseFloat(style.bottom) === 0) return true;
    }
    return false;
  };
  const smallMain = large
    ? targets
        .filter((element) => element.matches('wx-button.button-primary') || inBottomBar(element))
        .filter((element) => rpx(element.getBoundingClientRect().height) < MAIN_MIN - SLACK)
        .map((element) => `${name(element)} ${round(rpx(element.getBoundingClientRect().height))}rpx`)
    : [];

  const wide = [...document.body.querySelectorAll('*')]
    .filter(visible)
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .map(name);

  const pre = document.createElement('pre');
  pre.id = 'gallery-audit';
  pre.style.display = 'none';
  pre.textContent = JSON.stringify({
    mode,
    width,
    smallestRpx: smallest === Infinity ? 0 : round(rpx(smallest)),
    smallestText,
    smallText,
    smallTaps,
    smallMain,
    tightLines,
    lowContrast,
    wide,
  });
  document.body.appendChild(pre);
})();
