import fs from 'node:fs';
import path from 'node:path';
import { mp3Duration } from '../../cloudfunctions/_lib/cases/mp3';

/** The function's own measure of a voice note, on real recordings made by LAME (tests/fixtures/voice). */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'voice', name));

describe('mp3Duration', () => {
  it.each([
    ['three-seconds.mp3', 3],
    ['three-seconds-vbr.mp3', 3],
    ['sixty-one-seconds.mp3', 61],
    ['under-a-second.mp3', 0.4],
  ])('%s plays %s seconds', (name, seconds) => {
    expect(mp3Duration(fixture(name))).toBeCloseTo(seconds, 0);
  });

  it('counts only the frames there: a cut-off file is shorter, bytes after the last frame add nothing', () => {
    const three = fixture('three-seconds.mp3');
    expect(mp3Duration(three.subarray(0, Math.floor(three.length / 2)))).toBeLessThan(2);
    expect(mp3Duration(Buffer.concat([three, Buffer.from('TAG trailing bytes')]))).toBeCloseTo(3, 1);
  });

  it('finds no sound in what is not MPEG audio, nor in a lone frame header', () => {
    expect(mp3Duration(Buffer.from('不是录音'))).toBeNull();
    expect(mp3Duration(Buffer.from([0xff, 0xfb, 0x90, 0x64, 1, 2, 3]))).toBeNull();
    expect(mp3Duration(new Uint8Array(0))).toBeNull();
  });
});
