import { newClientRequestId, randomToken } from '../../miniprogram/core/ids';
import { displayedSize, fitLongSide, photoCloudPath } from '../../miniprogram/core/photos';
import { LIMITS, photoPrefix, validateSubmit } from '../../miniprogram/core/submit';

/** A fixed sequence standing in for Math.random. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('fitLongSide', () => {
  it.each([
    ['a 4000×3000 landscape photo', 4000, 3000, { width: 1280, height: 960, resized: true }],
    ['a 3000×4000 portrait photo', 3000, 4000, { width: 960, height: 1280, resized: true }],
    ['a 4032×3024 phone photo', 4032, 3024, { width: 1280, height: 960, resized: true }],
    ['a tall 1080×2400 screenshot', 1080, 2400, { width: 576, height: 1280, resized: true }],
    ['a square 2000×2000 photo', 2000, 2000, { width: 1280, height: 1280, resized: true }],
    ['a very long 10000×10 strip, never below 1 px', 10000, 10, { width: 1280, height: 1, resized: true }],
    ['an 800×600 picture, already small', 800, 600, { width: 800, height: 600, resized: false }],
    ['a picture exactly at the limit', 1280, 720, { width: 1280, height: 720, resized: false }],
  ])('%s', (_, width, height, expected) => {
    expect(fitLongSide({ width, height }, LIMITS.photoLongSide)).toEqual(expected);
  });
});

describe('displayedSize', () => {
  it('swaps width and height for photos turned a quarter', () => {
    expect(displayedSize({ width: 4000, height: 3000, orientation: 'right' })).toEqual({
      width: 3000,
      height: 4000,
    });
    expect(displayedSize({ width: 4000, height: 3000, orientation: 'left-mirrored' })).toEqual({
      width: 3000,
      height: 4000,
    });
  });

  it('keeps them for upright or upside-down photos, and when the orientation is unknown', () => {
    expect(displayedSize({ width: 4000, height: 3000, orientation: 'up' })).toEqual({
      width: 4000,
      height: 3000,
    });
    expect(displayedSize({ width: 4000, height: 3000, orientation: 'down' })).toEqual({
      width: 4000,
      height: 3000,
    });
    expect(displayedSize({ width: 4000, height: 3000 })).toEqual({ width: 4000, height: 3000 });
  });
});

describe('photoCloudPath', () => {
  it("puts a photo under the uploader's prefix and the China-local month", () => {
    // 2026-11-30 20:00 UTC is already 1 December in China.
    const path = photoCloudPath('openid-1', Date.UTC(2026, 10, 30, 20), sequence(0.1, 0.5, 0.9));

    expect(path).toMatch(/^appeals\/openid-1\/202612\/[A-Za-z0-9]{20}\.jpg$/);
    expect(path.startsWith(photoPrefix('openid-1'))).toBe(true);
  });

  it('is accepted by the server-side check of photo ownership', () => {
    const fileID = `cloud://env.bucket/${photoCloudPath('openid-1', Date.UTC(2026, 0, 1), Math.random)}`;

    const checked = validateSubmit(
      {
        target: { type: 'deputy', code: 'D00001' },
        kind: 'help',
        category: 'parking',
        description: '小区停车位不够用',
        photos: [fileID],
        anonymous: true,
        consent: true,
        clientRequestId: newClientRequestId(Math.random),
      },
      'openid-1',
    );

    expect(checked.ok).toBe(true);
  });
});

describe('random ids', () => {
  it('are letters and digits of the length asked for, covering the whole alphabet', () => {
    expect(randomToken(3, sequence(0, 0.5, 0.999999))).toBe('Af9');
  });

  it('makes clientRequestIds the contract accepts, different each time', () => {
    const a = newClientRequestId(Math.random);
    const b = newClientRequestId(Math.random);

    expect(a).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(b).not.toBe(a);
  });
});
