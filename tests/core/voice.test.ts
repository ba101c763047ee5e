import { validateSubmit } from '../../miniprogram/core/submit';
import {
  checkVoiceNotes,
  durationLabel,
  durationSeconds,
  voiceCloudPath,
} from '../../miniprogram/core/voice';

const ID = (openid: string, name: string) => `cloud://env.bucket/appeals/${openid}/202611/${name}.mp3`;

describe('voice notes (声音留言)', () => {
  it('are stored under the recorder’s own prefix, by China-local month, as .mp3', () => {
    const path = voiceCloudPath('o-me', Date.UTC(2026, 10, 30, 17), () => 0);
    expect(path).toMatch(/^appeals\/o-me\/202612\/[A-Za-z0-9]{20}\.mp3$/);
  });

  it('show their length as WeChat does, rounding the recorder’s milliseconds', () => {
    expect([durationSeconds(400), durationSeconds(1_499), durationSeconds(59_700)]).toEqual([0, 1, 60]);
    expect([durationLabel(1), durationLabel(59), durationLabel(60), durationLabel(65)]).toEqual([
      '1″',
      '59″',
      '1′00″',
      '1′05″',
    ]);
  });

  it('are refused when not the caller’s, not an mp3, too short, too long, twice, or too many', () => {
    const refusal = (raw: unknown) => {
      const fields: Record<string, string> = {};
      expect(checkVoiceNotes(raw, fields, 'o-me')).toBeNull();
      return fields.voiceNotes;
    };
    expect(refusal([{ fileID: ID('o-other', 'a'), duration: 5 }])).toBe('只能使用您本人录的声音留言');
    expect(refusal([{ fileID: ID('o-me', 'a').replace('.mp3', '.jpg'), duration: 5 }])).toBe(
      '声音留言信息无效，请重新录制',
    );
    expect(refusal([{ fileID: ID('o-me', 'a'), duration: 0 }])).toBe(
      '有一条声音留言太短，请按住按钮说话后再松开',
    );
    expect(refusal([{ fileID: ID('o-me', 'a'), duration: 61 }])).toBe(
      '每条声音留言最长 60 秒，请删除后分几条录',
    );
    expect(refusal([{ fileID: ID('o-me', 'a'), duration: 2.5 }])).toBe('声音留言的时长无效，请重新录制');
    expect(refusal('x')).toBe('声音留言信息无效，请重新录制');
    const a = { fileID: ID('o-me', 'a'), duration: 3 };
    expect(refusal([a, a])).toBe('有重复的声音留言');
    expect(refusal(['a', 'b', 'c', 'd'].map((n) => ({ fileID: ID('o-me', n), duration: 3 })))).toBe(
      '最多 3 条声音留言',
    );
    const fields: Record<string, string> = {};
    expect(checkVoiceNotes(undefined, fields, 'o-me')).toEqual([]);
    expect(checkVoiceNotes([a], fields, 'o-me')).toEqual([a]);
    expect(fields).toEqual({});
  });

  it('ride on a submission, and may not be one of its photos', () => {
    const note = { fileID: ID('o-me', 'a'), duration: 3 };
    const base = {
      target: { type: 'deputy', code: 'D00001' },
      kind: 'help',
      category: 'road_traffic',
      description: '路灯坏了两个星期',
      consent: true,
      clientRequestId: 'req-voice-core-abcdef',
    };
    expect(validateSubmit({ ...base, voiceNotes: [note] }, 'o-me')).toMatchObject({
      ok: true,
      data: { voiceNotes: [note] },
    });
    expect(validateSubmit({ ...base, photos: [note.fileID], voiceNotes: [note] }, 'o-me')).toMatchObject({
      ok: false,
      fields: { voiceNotes: '有重复的声音留言' },
    });
  });
});
