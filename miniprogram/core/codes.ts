/**
 * The short codes printed on deputies' and stations' QR codes, and the two ways a scan reaches the
 * app: WeChat's mini-program code carries a `scene` (at most 32 characters), and an ordinary QR code
 * carries a URL that WeChat opens the mini-program with (the page receives it as `q`). Both decode
 * to the same target.
 */

export type TargetType = 'deputy' | 'station';

export interface Target {
  type: TargetType;
  code: string;
}

/** Deputy codes: D and five characters; station codes: S and four. Upper-case letters and digits. */
const CODE_PATTERNS: Record<TargetType, RegExp> = {
  deputy: /^D[0-9A-Z]{5}$/,
  station: /^S[0-9A-Z]{4}$/,
};

const SCENE_KEYS: Record<TargetType, string> = { deputy: 'd', station: 's' };

export function isValidCode(type: TargetType, code: string): boolean {
  return CODE_PATTERNS[type].test(code);
}

/** The `scene` for wxacode.getUnlimited, e.g. `d=D00001`. */
export function sceneFor(target: Target): string {
  return `${SCENE_KEYS[target.type]}=${target.code}`;
}

/** The URL an ordinary printed QR code holds; the prefix is configured (the mini-program's 扫普通链接二维码打开小程序 rule). */
export function urlFor(prefix: string, target: Target): string {
  const base = prefix.replace(/[?&]+$/, '');
  return `${base}${base.includes('?') ? '&' : '?'}${SCENE_KEYS[target.type]}=${target.code}`;
}

function fromParams(params: Array<[string, string]>): Target | null {
  for (const [key, value] of params) {
    const type = (Object.keys(SCENE_KEYS) as TargetType[]).find((t) => SCENE_KEYS[t] === key);
    const code = value.trim().toUpperCase();
    if (type && isValidCode(type, code)) return { type, code };
  }
  return null;
}

function splitQuery(query: string): Array<[string, string]> {
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const key = i < 0 ? pair : pair.slice(0, i);
      const value = i < 0 ? '' : pair.slice(i + 1);
      return [safeDecode(key), safeDecode(value)];
    });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Reads the page options a scan opens the app with. `scene` (mini-program code) and `q` (ordinary
 * QR code, URL-encoded) arrive encoded once; a bare `code`/`type` pair comes from inside the app.
 * Answers null when nothing in the options names a deputy or a station.
 */
export function targetFromOptions(options: Record<string, string | undefined>): Target | null {
  if (options.type && options.code) {
    const type = options.type === 'station' ? 'station' : options.type === 'deputy' ? 'deputy' : null;
    const code = options.code.trim().toUpperCase();
    return type && isValidCode(type, code) ? { type, code } : null;
  }
  if (options.scene) {
    return fromParams(splitQuery(safeDecode(options.scene)));
  }
  if (options.q) {
    const url = safeDecode(options.q);
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
    return fromParams(splitQuery(query));
  }
  return null;
}
