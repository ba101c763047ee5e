/**
 * 长辈版 (large text): which text size a person sees, kept on the phone.
 *
 * A person's own choice (the 长辈版 / 标准版 switch) is kept in storage and always wins. Without one,
 * the app follows WeChat's own text size (我 → 设置 → 通用 → 字体大小, and its 关怀模式): when it is
 * large, the app opens in 长辈版 by itself. WeChat answers the size as `fontSizeScaleFactor` (1 at
 * the standard size, 1.4 in 关怀模式, whose text is 23.8 px on a 375 px screen) and, on older
 * clients, only as `fontSizeSetting` in px (17 at the standard size).
 *
 * Pages take it through `behaviors/text-size.ts`; see docs/decisions/0018-large-text-mode.md.
 */

export type TextSize = 'standard' | 'large';

/** The person's choice, when they made one. */
export const CHOICE_KEY = 'textSize';
/** Set once the first-use offer of 长辈版 has been answered (or dismissed). */
const OFFERED_KEY = 'textSizeOffered';

/** WeChat's text scale from which the app opens in 长辈版: two steps above the standard size. */
export const LARGE_SCALE = 1.2;
/** The same threshold for clients that only answer the size in px (standard 17 px). */
export const LARGE_SETTING_PX = 20;

/** What the app reads of `wx.getAppBaseInfo()`. */
export interface WeChatTextSize {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
}

/** Whether WeChat's own text size is large enough for the app to open in 长辈版 by itself. */
export function weChatWantsLarge(info: WeChatTextSize): boolean {
  if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) {
    return info.fontSizeScaleFactor >= LARGE_SCALE;
  }
  return typeof info.fontSizeSetting === 'number' && info.fontSizeSetting >= LARGE_SETTING_PX;
}

/** WeChat's text size; an old client without getAppBaseInfo counts as standard. */
export function weChatTextSize(): WeChatTextSize {
  try {
    return typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : {};
  } catch {
    return {};
  }
}

export function storedChoice(): TextSize | null {
  try {
    const stored: unknown = wx.getStorageSync(CHOICE_KEY);
    return stored === 'large' || stored === 'standard' ? stored : null;
  } catch {
    return null;
  }
}

/** The size to show: the person's choice, else WeChat's. */
export function currentTextSize(): TextSize {
  return storedChoice() ?? (weChatWantsLarge(weChatTextSize()) ? 'large' : 'standard');
}

/** Whether 长辈版 is on only because WeChat's text is large (no choice made yet). */
export const followsWeChat = (): boolean => storedChoice() === null && currentTextSize() === 'large';

/** Pages showing now, told when the size changes so that going back shows the same size. */
type Listener = (size: TextSize) => void;
const listeners = new Set<Listener>();

export function onTextSizeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Keeps the person's choice and tells every page. Choosing also answers the first-use offer. */
export function chooseTextSize(size: TextSize): void {
  try {
    wx.setStorageSync(CHOICE_KEY, size);
    wx.setStorageSync(OFFERED_KEY, true);
  } catch {
    // Storage full or refused: the choice still holds while the app runs.
  }
  listeners.forEach((listener) => listener(size));
}

/** Whether to offer 长辈版 on this phone: never answered, and no choice made. */
export function shouldOffer(): boolean {
  try {
    return storedChoice() === null && wx.getStorageSync(OFFERED_KEY) !== true;
  } catch {
    return false;
  }
}

/** The offer was answered by keeping things as they are. */
export function dismissOffer(): void {
  try {
    wx.setStorageSync(OFFERED_KEY, true);
  } catch {
    // Shown again next time: harmless.
  }
}
