/* global document, window, getComputedStyle */
/*
 * Runs inside the photographed page (Chromium): measures what the audit table reports and writes
 * it as JSON into <pre id="gallery-audit">, which `chromium --dump-dom` hands back. Plain browser
 * JavaScript, no build step: the smallest text, tap targets under 44 px (88rpx), texts under 4.5:1,
 * and anything wider than the screen (clipped or overlapping at 375 px).
 */
(function audit() {
  const TAP_MIN = 44;
  const TAPPABLE =
    'wx-button, wx-input, wx-picker, wx-switch, wx-checkbox, wx-textarea, .chip, .tab, .tappable, .link, .size-switch, .case-card, .casework-card, .photos__remove, .photos__add, .photo-grid__cell';

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
  const label = (element) => (element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 16);

  let smallest = Infinity;
  let smallestText = '';
  const lowContrast = [];
  for (const element of document.body.querySelectorAll('*')) {
    const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!own || !visible(element)) continue;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    if (size < smallest) {
      smallest = size;
      smallestText = label(element);
    }
    const colour = rgb(style.color);
    if (colour) {
      const ratio = contrast(over(colour, background(element)), background(element));
      if (ratio < 4.5) lowContrast.push(`${label(element)} ${ratio.toFixed(1)}:1`);
    }
  }
  const smallTaps = [...document.body.querySelectorAll(TAPPABLE)]
    .filter(visible)
    .filter((element) => element.getBoundingClientRect().height < TAP_MIN - 0.5)
    .map(
      (element) =>
        `${label(element) || element.className} ${Math.round(element.getBoundingClientRect().height)}px`,
    );
  const wide = [...document.body.querySelectorAll('*')]
    .filter(visible)
    .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((element) => label(element) || element.className);

  const pre = document.createElement('pre');
  pre.id = 'gallery-audit';
  pre.style.display = 'none';
  pre.textContent = JSON.stringify({
    smallestPx: smallest === Infinity ? 0 : smallest,
    smallestText,
    smallTaps,
    lowContrast,
    wide,
  });
  document.body.appendChild(pre);
})();
