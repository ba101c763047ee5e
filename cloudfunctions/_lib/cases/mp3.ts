/**
 * How long an MP3 file plays, read from its frame headers (decision 0027): the function's own
 * measure of a voice note, instead of the duration the phone sends. No decoding: every MPEG audio
 * frame starts with a 4-byte header that says its bit rate, sample rate and padding, so its length
 * in bytes and in samples; the frames are walked from the first to the last.
 *
 * - An ID3v2 tag at the start is skipped; anything after the last frame (an ID3v1 tag) ends the walk.
 * - A Xing/Info frame (what LAME and WeChat's recorder put first) holds no sound and is not counted.
 *   When LAME's tag in it gives the encoder's delay and padding, those samples are taken off too,
 *   so the figure is the recording's, not the encoder's.
 * - Only a run of frames counts: a header is believed when the bytes where it says the next frame
 *   starts are a frame header too (or the file ends there), so noise that happens to hold 0xFF 0xE0
 *   is not mistaken for sound.
 *
 * Answers seconds, or null when the bytes hold no MPEG audio.
 */

/** kbit/s by [version is MPEG-1][layer 1..3][index]. */
const BITRATES: Record<'v1' | 'v2', number[][]> = {
  v1: [
    [],
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  v2: [
    [],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
};

/** Hz by version bits (0 MPEG-2.5, 2 MPEG-2, 3 MPEG-1) and index. */
const SAMPLE_RATES: Record<number, number[]> = {
  0: [11025, 12000, 8000],
  2: [22050, 24000, 16000],
  3: [44100, 48000, 32000],
};

export interface Frame {
  /** Bytes, header included. */
  length: number;
  samples: number;
  sampleRate: number;
  /** Where the side information ends: a Xing/Info tag would start here. */
  sideInfoEnd: number;
}

/** The frame whose header starts at `at`, or null when those bytes are no frame header. */
export function frameAt(bytes: Uint8Array, at: number): Frame | null {
  if (at + 4 > bytes.length) return null;
  const [b0, b1, b2, b3] = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3;
  const layer = 4 - ((b1 >> 1) & 3);
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  const mpeg1 = version === 3;
  const bitrate = BITRATES[mpeg1 ? 'v1' : 'v2'][layer][bitrateIndex] * 1000;
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b2 >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  const mono = b3 >> 6 === 3;
  const crc = (b1 & 1) === 0 ? 2 : 0;
  const sideInfo = layer !== 3 ? 0 : mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  return { length, samples, sampleRate, sideInfoEnd: at + 4 + crc + sideInfo };
}

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

const uint32 = (bytes: Uint8Array, at: number) =>
  ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;

/** The samples LAME added before and after the sound, when the Xing/Info frame's LAME tag says. */
function encoderSamples(bytes: Uint8Array, frame: Frame): number {
  let at = frame.sideInfoEnd + 4;
  const flags = uint32(bytes, at);
  at += 4 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
  if (at + 24 > bytes.length || ascii(bytes, at, 4) !== 'LAME') return 0;
  const delay = (bytes[at + 21] << 4) | (bytes[at + 22] >> 4);
  const padding = ((bytes[at + 22] & 0x0f) << 8) | bytes[at + 23];
  return delay + padding;
}

/** The start of the audio: after an ID3v2 tag, if the file has one. */
function audioStart(bytes: Uint8Array): number {
  if (bytes.length < 10 || ascii(bytes, 0, 3) !== 'ID3') return 0;
  const size =
    ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
  const footer = bytes[5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** Seconds of sound in an MP3 file; null when it holds no MPEG audio frames. */
export function mp3Duration(bytes: Uint8Array): number | null {
  const chained = (at: number): Frame | null => {
    const frame = frameAt(bytes, at);
    if (!frame) return null;
    const next = at + frame.length;
    return next === bytes.length || frameAt(bytes, next) ? frame : null;
  };
  let at = audioStart(bytes);
  // The first frame: the first header that leads to another (some encoders leave a few bytes first).
  while (at < bytes.length && !chained(at)) at += 1;
  let samples = 0;
  let seconds = 0;
  let frames = 0;
  let extra = 0;
  let rate = 0;
  for (let frame = chained(at); frame; frame = frameAt(bytes, at)) {
    if (at + frame.length > bytes.length) break;
    const tag = ascii(bytes, frame.sideInfoEnd, 4);
    if (frames === 0 && samples === 0 && (tag === 'Xing' || tag === 'Info')) {
      extra = encoderSamples(bytes, frame);
    } else {
      samples += frame.samples;
      seconds += frame.samples / frame.sampleRate;
      rate = frame.sampleRate;
      frames += 1;
    }
    at += frame.length;
  }
  if (frames === 0) return null;
  return Math.max(0, seconds - (extra < samples ? extra / rate : 0));
}
