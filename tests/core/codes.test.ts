import { isValidCode, sceneFor, targetFromOptions, urlFor } from '../../miniprogram/core/codes';

describe('codes on QR codes', () => {
  const deputy = { type: 'deputy' as const, code: 'D00001' };
  const station = { type: 'station' as const, code: 'S0002' };

  it('makes a scene of at most 32 characters and a URL for each target', () => {
    expect(sceneFor(deputy)).toBe('d=D00001');
    expect(sceneFor(station)).toBe('s=S0002');
    expect(urlFor('https://daibiao.example.cn/q', deputy)).toBe('https://daibiao.example.cn/q?d=D00001');
    expect(urlFor('https://x.cn/open?src=poster', station)).toBe('https://x.cn/open?src=poster&s=S0002');
  });

  it.each([
    [
      'a mini-program code (scene, encoded once by WeChat)',
      { scene: encodeURIComponent('d=D00001') },
      deputy,
    ],
    [
      'a printed code (q, the URL encoded)',
      { q: encodeURIComponent('https://daibiao.example.cn/q?s=S0002') },
      station,
    ],
    ['an in-app link', { type: 'deputy', code: 'd00001' }, deputy],
    [
      'a printed code with other parameters',
      { q: encodeURIComponent('https://x.cn/q?utm=a&d=D00001#top') },
      deputy,
    ],
  ])('reads %s', (_label, options, expected) => {
    expect(targetFromOptions(options)).toEqual(expected);
  });

  it.each([
    [{}],
    [{ scene: 'x=1' }],
    [{ scene: 'd=D0001' }],
    [{ q: encodeURIComponent('https://x.cn/q') }],
    [{ q: '%E0%A4%A' }],
    [{ type: 'mayor', code: 'D00001' }],
    [{ type: 'station', code: 'D00001' }],
  ])('answers null for %j', (options) => {
    expect(targetFromOptions(options as Record<string, string>)).toBeNull();
  });

  it('accepts only the code shapes of each kind', () => {
    expect(isValidCode('deputy', 'D1A2B3')).toBe(true);
    expect(isValidCode('deputy', 'S0001')).toBe(false);
    expect(isValidCode('station', 'S00011')).toBe(false);
  });
});
