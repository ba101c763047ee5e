import fs from 'node:fs';
import path from 'node:path';
import { ok } from '../../miniprogram/core/result';
import { CHOICE_KEY } from '../../miniprogram/utils/text-size';
import { rememberVisit } from '../../miniprogram/utils/visit';
import {
  byText,
  installWx,
  isLargeText,
  miniprogramRoot,
  render,
  serveFunctions,
  serveUploads,
  settle,
  tap,
  textOf,
  type,
} from './helpers';
import type { Found, FunctionCall, WxMock } from './helpers';
import { caseDetail, caseworkView, timelineEntry, deputyLanding, OPENID, submitResult } from './mothers';

/**
 * 按住说话 on the appeal form (components/voice-recorder, voice-list): hold to record an mp3, release
 * to stop, slide up to cancel, a visible timer; up to 3 notes, each uploaded under the resident's own
 * prefix, played back and deleted before sending, sent as `voiceNotes`. 语音输入 fills the
 * description through WeChat's speech plugin where it loads, and records a voice note where it does
 * not. WeChat's recorder, audio player and plugin are stood in for as the other wx APIs are.
 */

interface FakeRecorder {
  start: jest.Mock;
  stop: jest.Mock;
  /** What WeChat calls back when the recording ends (on stop, or at 60 s by itself). */
  finish(result: { tempFilePath: string; duration: number }): void;
}

function installRecorder(): FakeRecorder {
  let onStop: (res: { tempFilePath: string; duration: number }) => void = () => undefined;
  const recorder = {
    start: jest.fn(),
    stop: jest.fn(),
    onStop: jest.fn((listener: typeof onStop) => {
      onStop = listener;
    }),
    onError: jest.fn(),
  };
  Object.assign(wx, { getRecorderManager: () => recorder });
  return { start: recorder.start, stop: recorder.stop, finish: (res) => onStop(res) };
}

interface FakePlayer {
  src: string;
  play: jest.Mock;
  stop: jest.Mock;
}

function installPlayer(): FakePlayer[] {
  const players: FakePlayer[] = [];
  Object.assign(wx, {
    createInnerAudioContext: () => {
      const player = {
        src: '',
        obeyMuteSwitch: true,
        play: jest.fn(),
        stop: jest.fn(),
        destroy: jest.fn(),
        onEnded: jest.fn(),
        onStop: jest.fn(),
        onError: jest.fn(),
      };
      players.push(player);
      return player;
    },
  });
  return players;
}

/** WechatSI's recordRecoManager, as `requirePlugin('WechatSI').getRecordRecognitionManager()` gives it. */
function installSpeechPlugin() {
  const manager = {
    start: jest.fn(),
    stop: jest.fn(),
    onStop: undefined as undefined | ((res: { result: string }) => void),
  };
  (globalThis as { requirePlugin?: unknown }).requirePlugin = (name: string) => {
    if (name !== 'WechatSI') throw new Error(`plugin ${name} is not declared`);
    return { getRecordRecognitionManager: () => manager };
  };
  return manager;
}

describe('voice on the appeal form', () => {
  let wxMock: WxMock;
  let recorder: FakeRecorder;
  let players: FakePlayer[];
  let calls: FunctionCall[];

  beforeEach(() => {
    wxMock = installWx();
    recorder = installRecorder();
    players = installPlayer();
    rememberVisit(deputyLanding());
    calls = serveFunctions(wxMock, {
      resident: { submit: () => ok(submitResult()), landing: () => ok(deputyLanding()) },
    });
    serveUploads(wxMock);
  });
  afterEach(() => {
    delete (globalThis as { requirePlugin?: unknown }).requirePlugin;
  });

  async function open(): Promise<Found> {
    const page = render('pages/submit/index');
    page.instance.onLoad({ type: 'deputy', code: 'D00001' });
    await settle();
    return page as unknown as Found;
  }

  const button = (page: Found, host = '.voice-recorder') =>
    page.querySelector(`${host} >>> .voice-recorder__button`) ?? undefined;

  async function press(page: Found, host = '.voice-recorder', y = 600) {
    button(page, host)?.dispatchEvent('touchstart', { touches: [{ x: 100, y }] });
    await settle();
  }
  async function release(page: Found, host = '.voice-recorder') {
    button(page, host)?.dispatchEvent('touchend', {});
    await settle();
  }

  /** Holds 按住说话 and releases it after `ms` of speech, as WeChat reports the recording. */
  async function record(page: Found, path: string, ms: number) {
    await press(page);
    await release(page);
    recorder.finish({ tempFilePath: path, duration: ms });
    await settle();
    await settle();
  }

  async function fillValid(page: Found) {
    await tap(byText(page, '.kind', '投诉'));
    page.querySelector('.category-picker')?.dispatchEvent('change', { detail: { value: 1 } });
    await type(page.querySelector('.description'), '小区门口垃圾三天没人清运，气味很大。');
    page.querySelector('.consent')?.dispatchEvent('change', { detail: { value: ['agree'] } });
    await settle();
  }

  const submits = () => calls.filter((c) => c.action === 'submit');

  it('records while held, with a timer, as mp3 of at most 60 s, and sends the uploaded note', async () => {
    const page = await open();
    expect(textOf(button(page) as Found)).toBe('按住说话');

    await press(page);
    expect(recorder.start).toHaveBeenCalledWith(expect.objectContaining({ format: 'mp3', duration: 60_000 }));
    expect(textOf(page.querySelector('.voice-recorder >>> .voice-recorder__panel') as Found)).toBe(
      '0″ / 60″ 手指上滑，取消录音',
    );
    const timer = page.querySelector('.voice-recorder')?.instance as unknown as { tick(): void };
    timer.tick();
    timer.tick();
    await settle();
    expect(textOf(page.querySelector('.voice-recorder >>> .voice-recorder__timer') as Found)).toBe(
      '2″ / 60″',
    );

    await release(page);
    expect(recorder.stop).toHaveBeenCalledTimes(1);
    expect(page.querySelector('.voice-recorder >>> .voice-recorder__panel')).toBeUndefined();
    recorder.finish({ tempFilePath: 'wxfile://tmp/lamp.mp3', duration: 12_300 });
    await settle();
    await settle();

    expect(textOf(page.querySelector('.voice-notes') as Found)).toContain('12″');
    expect(wxMock.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: 'wxfile://tmp/lamp.mp3',
        formData: expect.objectContaining({
          cloudPath: expect.stringMatching(new RegExp(`^appeals/${OPENID}/\\d{6}/[A-Za-z0-9]{20}\\.mp3$`)),
        }),
      }),
    );
    await fillValid(page);
    await tap(page.querySelector('.submit'));
    expect(submits()).toHaveLength(1);
    expect(submits()[0].data).toMatchObject({
      voiceNotes: [{ fileID: expect.stringMatching(/^cloud:\/\/.+\.mp3$/), duration: 12 }],
    });
  });

  it('drops the recording when the finger slides up before letting go, and a press too short', async () => {
    const page = await open();
    await press(page, '.voice-recorder', 600);
    button(page)?.dispatchEvent('touchmove', { touches: [{ x: 100, y: 480 }] });
    await settle();
    expect(textOf(page.querySelector('.voice-recorder >>> .voice-recorder__panel') as Found)).toContain(
      '松开手指，取消录音',
    );
    await release(page);
    recorder.finish({ tempFilePath: 'wxfile://tmp/cancelled.mp3', duration: 5_000 });
    await settle();
    expect(page.querySelectorAll('.voice-notes >>> .voice-note')).toHaveLength(0);

    await record(page, 'wxfile://tmp/tap.mp3', 300);
    expect(page.querySelectorAll('.voice-notes >>> .voice-note')).toHaveLength(0);
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '说话时间太短，请按住按钮说话' }),
    );
    expect(wxMock.uploadFile).not.toHaveBeenCalled();
  });

  it('keeps at most three notes, plays one back and deletes one before sending', async () => {
    const page = await open();
    await record(page, 'wxfile://tmp/1.mp3', 3_000);
    await record(page, 'wxfile://tmp/2.mp3', 4_000);
    await record(page, 'wxfile://tmp/3.mp3', 59_600);
    expect(textOf(page.querySelector('.voice-notes') as Found)).toMatch(/3″.*4″.*1′00″/);

    recorder.start.mockClear();
    await press(page);
    expect(recorder.start).not.toHaveBeenCalled();
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '最多 3 条声音留言，可以删除后再录' }),
    );

    const rows = page.querySelectorAll('.voice-notes >>> .voice-list__play');
    await tap(rows[1] as Found);
    expect(players).toHaveLength(1);
    expect(players[0]).toMatchObject({ src: 'wxfile://tmp/2.mp3' });
    expect(players[0].play).toHaveBeenCalledTimes(1);
    expect(textOf(page.querySelector('.voice-notes') as Found)).toContain('正在播放');

    await tap(page.querySelectorAll('.voice-notes >>> .voice-remove')[0] as Found);
    await fillValid(page);
    await tap(page.querySelector('.submit'));
    expect(submits()[0].data).toMatchObject({
      voiceNotes: [{ duration: 4 }, { duration: 60 }],
    });
  });

  it('keeps uploaded notes in the draft, so a form opened again still sends them', async () => {
    const page = await open();
    await record(page, 'wxfile://tmp/kept.mp3', 15_000);
    const again = await open();
    expect(textOf(again.querySelector('.voice-notes') as Found)).toContain('15″');
    await fillValid(again);
    await tap(again.querySelector('.submit'));
    expect(submits()[0].data).toMatchObject({
      voiceNotes: [{ fileID: expect.stringMatching(/\.mp3$/), duration: 15 }],
    });
  });

  it('turns speech into the description where WeChat’s speech plugin loads', async () => {
    const speech = installSpeechPlugin();
    const page = await open();
    expect(textOf(button(page, '.speech-input') as Found)).toBe('按住说话 转文字');
    await type(page.querySelector('.description'), '小区门口');
    await press(page, '.speech-input');
    expect(speech.start).toHaveBeenCalledWith({ duration: 60_000, lang: 'zh_CN' });
    await release(page, '.speech-input');
    expect(speech.stop).toHaveBeenCalledTimes(1);
    speech.onStop?.({ result: '垃圾三天没人清运。' });
    await settle();
    expect(page.querySelector('.description')?.data.value).toBe('小区门口垃圾三天没人清运。');
    expect(recorder.start).not.toHaveBeenCalled();
  });

  it('records a voice note from the same button where the plugin does not load', async () => {
    const page = await open();
    expect(textOf(page.querySelector('.speech-input') as Found)).toContain('松开后录成声音留言');
    await press(page, '.speech-input');
    expect(recorder.start).toHaveBeenCalledTimes(1);
    await release(page, '.speech-input');
    recorder.finish({ tempFilePath: 'wxfile://tmp/spoken.mp3', duration: 7_000 });
    await settle();
    await settle();
    expect(textOf(page.querySelector('.voice-notes') as Found)).toContain('7″');
    expect(page.querySelector('.description')?.data.value).toBe('');
  });
});

describe('the voice controls in 长辈版 and for screen readers', () => {
  const source = (file: string) => fs.readFileSync(path.join(miniprogramRoot, 'components', file), 'utf8');
  /** The declarations of one class in a component's WXSS. */
  const rule = (file: string, selector: string) =>
    new RegExp(`^\\${selector} \\{([^}]*)\\}`, 'm').exec(source(file))?.[1] ?? '';

  it('draws 按住说话 a main tap target tall (96rpx, 120rpx in 长辈版) and the note buttons at least 88rpx', () => {
    expect(rule('voice-recorder/index.wxss', '.voice-recorder__button')).toContain(
      'min-height: var(--tap-main);',
    );
    expect(rule('voice-list/index.wxss', '.voice-list__play')).toContain('min-height: var(--tap-min);');
    expect(rule('voice-list/index.wxss', '.voice-list__action')).toContain('min-height: var(--tap-min);');
    expect(rule('voice-list/index.wxss', '.voice-list__action')).toContain('min-width: var(--tap-min);');
  });

  it('names every icon button for a screen reader', () => {
    const wxml = source('voice-list/index.wxml') + source('voice-recorder/index.wxml');
    const iconButtons = [...wxml.matchAll(/<view[^>]*aria-role="button"[^>]*>/g)].map((m) => m[0]);
    expect(iconButtons.length).toBeGreaterThanOrEqual(3);
    const unnamed = iconButtons.filter((tag) => !/aria-label="[^"]+"/.test(tag) && !/voice-retry/.test(tag));
    expect(unnamed).toEqual([]);
  });

  it('keeps the form and its voice controls in 长辈版 when the resident chose it', async () => {
    const wxMock = installWx();
    installRecorder();
    wxMock.storage.set(CHOICE_KEY, 'large');
    rememberVisit(deputyLanding());
    serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding()) } });
    const page = render('pages/submit/index');
    page.instance.onLoad({ type: 'deputy', code: 'D00001' });
    await settle();
    expect(isLargeText(page as unknown as Found)).toBe(true);
    expect(page.querySelector('.voice-recorder >>> .voice-recorder__button')).toBeTruthy();
  });
});

describe('voice notes on the case pages', () => {
  const notes = [
    {
      fileID: 'cloud://env.b/cases/case-1/a.mp3',
      url: 'https://tmp.example/a.mp3',
      duration: 12,
      durationLabel: '12″',
    },
    {
      fileID: 'cloud://env.b/cases/case-1/b.mp3',
      url: 'https://tmp.example/b.mp3',
      duration: 65,
      durationLabel: '1′05″',
    },
  ];

  it('lets the deputy (and staff on the same page) hear each note, with its length', async () => {
    const wxMock = installWx();
    const players = installPlayer();
    serveFunctions(wxMock, { casework: { caseDetail: () => ok(caseworkView({ voiceNotes: notes })) } });
    const page = render('pages/deputy/case/index') as unknown as Found;
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    expect(textOf(page.querySelector('.voice-notes') as Found)).toBe('▶12″▶1′05″');
    expect(page.querySelectorAll('.voice-notes >>> .voice-remove')).toHaveLength(0);

    await tap(page.querySelectorAll('.voice-notes >>> .voice-list__play')[1] as Found);
    expect(players[0]).toMatchObject({ src: 'https://tmp.example/b.mp3' });
    expect(players[0].play).toHaveBeenCalledTimes(1);
    // Tapped again, it stops.
    await tap(page.querySelectorAll('.voice-notes >>> .voice-list__play')[1] as Found);
    expect(players[0].stop).toHaveBeenCalled();
    expect(textOf(page.querySelector('.voice-notes') as Found)).not.toContain('正在播放');
  });

  it('shows the resident their own notes, and nothing when the case has none', async () => {
    const wxMock = installWx();
    installPlayer();
    let view = caseDetail({ voiceNotes: notes.slice(0, 1) });
    serveFunctions(wxMock, { resident: { caseDetail: () => ok(view) } });
    const page = render('pages/case/index') as unknown as Found;
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    expect(textOf(page.querySelector('.voice-notes') as Found)).toBe('▶12″');

    view = caseDetail();
    const again = render('pages/case/index') as unknown as Found;
    again.instance.onLoad({ id: 'case-1' });
    await settle();
    expect(again.querySelector('.voice-notes')).toBeUndefined();
  });
});

describe('voice notes in a supplement (补充)', () => {
  it('records, uploads under the resident’s own prefix and sends them with the supplement', async () => {
    const wxMock = installWx();
    const recorder = installRecorder();
    installPlayer();
    const uploads = serveUploads(wxMock);
    const steps = { photoOwner: 'o-me', withdraw: false, supplement: true, chase: null };
    const after = caseDetail({
      status: 'accepted',
      statusLabel: '已受理',
      timeline: [timelineEntry(), timelineEntry({ seq: 2, type: 'supplemented', label: '群众补充' })],
      residentSteps: steps,
    });
    const calls = serveFunctions(wxMock, {
      resident: {
        caseDetail: () => ok(caseDetail({ status: 'accepted', statusLabel: '已受理', residentSteps: steps })),
        supplement: () => ok(after),
      },
    });
    const page = render('pages/case/index') as unknown as Found;
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    await tap(page.querySelector('.steps >>> .open-supplement') ?? undefined);

    const hold = page.querySelector('.steps >>> .supplement-recorder >>> .voice-recorder__button');
    hold?.dispatchEvent('touchstart', { touches: [{ x: 10, y: 500 }] });
    await settle();
    hold?.dispatchEvent('touchend', {});
    await settle();
    recorder.finish({ tempFilePath: 'wxfile://tmp/more.mp3', duration: 9_000 });
    await settle();
    await settle();
    expect(textOf(page.querySelector('.steps >>> .supplement-voice') as Found)).toContain('9″');
    expect(uploads.map((u) => u.cloudPath)).toEqual([expect.stringMatching(/^appeals\/o-me\/.+\.mp3$/)]);

    await tap(page.querySelector('.steps >>> .send-supplement') ?? undefined);
    const sent = calls.filter((c) => c.action === 'supplement');
    expect(sent.map((c) => c.data)).toEqual([
      expect.objectContaining({
        caseId: 'case-1',
        voiceNotes: [{ fileID: `cloud://local.bucket/${uploads[0].cloudPath}`, duration: 9 }],
      }),
    ]);
  });
});
