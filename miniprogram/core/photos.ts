import { randomToken } from './ids';
import { photoPrefix } from './submit';
import { chinaDate } from './china-time';

/**
 * Photo rules applied on the phone before upload: how far to shrink a picture, and where in
 * storage it goes. Pure arithmetic; the page does the wx calls (getImageInfo, compressImage).
 */

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * EXIF orientations that turn the picture by a quarter: wx.getImageInfo reports width and height
 * as stored, before rotation, so for these the picture as seen has them swapped.
 */
const QUARTER_TURNS = new Set(['left', 'right', 'left-mirrored', 'right-mirrored']);

/** The size of the picture as it is seen, from what wx.getImageInfo reports. */
export function displayedSize(info: ImageSize & { orientation?: string }): ImageSize {
  return info.orientation && QUARTER_TURNS.has(info.orientation)
    ? { width: info.height, height: info.width }
    : { width: info.width, height: info.height };
}

/**
 * Scales a picture so that its long side is at most `longSide`, keeping the aspect ratio (each side
 * rounded, never below 1 px). Pictures already small enough are left alone (`resized: false`), so a
 * screenshot is not re-encoded for nothing.
 */
export function fitLongSide(size: ImageSize, longSide: number): ImageSize & { resized: boolean } {
  const long = Math.max(size.width, size.height);
  if (!(long > longSide)) return { width: size.width, height: size.height, resized: false };
  const scale = longSide / long;
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
    resized: true,
  };
}

/**
 * Where an appeal photo is stored: under the uploader's own prefix (which is how the function knows
 * the photo is theirs), then the China-local month, then a random name.
 * `appeals/<openid>/202611/k3J9…x.jpg`
 */
export function photoCloudPath(openid: string, now: number, random: () => number): string {
  const month = chinaDate(now).slice(0, 7).replace('-', '');
  return `${photoPrefix(openid)}${month}/${randomToken(20, random)}.jpg`;
}
