import { VOICE_LIMITS, durationSeconds } from '../../core/voice';
import { speechRecognizer, type RecognitionResult, type Recognizer } from '../../services/speech';
import { toast } from '../../utils/ui';

/**
 * 按住说话: hold the button to record, release to stop, slide up to cancel; a timer shows the seconds
 * while the finger is down, and the recording stops itself at 60 s. Two uses:
 *
 * - a voice note (声音留言): `wx.getRecorderManager()` records an mp3, answered as
 *   `recorded` `{ src, duration }` (whole seconds) for the page to upload;
 * - `speech`: 语音输入, WeChat's 同声传译 plugin turns speech into text, answered as `text` `{ text }`.
 *   Where the plugin does not load (services/speech.ts), the same button records a voice note instead,
 *   and says so.
 *
 * `full`: the page holds as many voice notes as it may; a press then only says so (unless it is
 * speech to text).
 *
 * `<voice-recorder full="{{voiceNotes.length >= 3}}" bind:recorded="onVoiceRecorded" />`
 */

/** How far up (px) the finger slides to cancel, about a fingertip and a half. */
const CANCEL_SLIDE_PX = 60;

type Phase = 'idle' | 'recording' | 'cancelling';

interface RecorderStop {
  tempFilePath: string;
  /** Milliseconds. */
  duration: number;
}

/** What a component instance keeps outside `data` (not rendered). */
interface Held {
  recorder: WechatMiniprogram.RecorderManager | null;
  recognizer: Recognizer | null;
  timer: number | null;
  startY: number;
  /** The press in progress is using the speech plugin. */
  speaking: boolean;
  /** The press ended while cancelling: its recording is dropped. */
  dropped: boolean;
}

const held = new WeakMap<object, Held>();

Component({
  options: { addGlobalClass: true },
  properties: {
    speech: { type: Boolean, value: false },
    full: { type: Boolean, value: false },
  },
  data: {
    phase: 'idle' as Phase,
    seconds: 0,
    max: VOICE_LIMITS.durationMax,
    /** The speech plugin loaded: the button turns speech into text. */
    speechReady: false,
  },
  lifetimes: {
    attached() {
      const recognizer = this.properties.speech ? speechRecognizer() : null;
      held.set(this, {
        recorder: null,
        recognizer,
        timer: null,
        startY: 0,
        speaking: false,
        dropped: false,
      });
      this.setData({ speechReady: recognizer !== null });
    },
    detached() {
      this.stopTimer();
      const own = this.own();
      if (own && this.data.phase !== 'idle') {
        own.dropped = true;
        if (own.speaking) own.recognizer?.stop();
        else own.recorder?.stop();
      }
    },
  },
  methods: {
    own(): Held | undefined {
      return held.get(this);
    },

    /** The recorder, its callbacks pointed at this button (WeChat keeps one per mini-program). */
    recorder(): WechatMiniprogram.RecorderManager {
      const own = this.own() as Held;
      const recorder = wx.getRecorderManager();
      recorder.onStop((res) => this.finished(res));
      recorder.onError((res) => this.failed(res.errMsg));
      own.recorder = recorder;
      return recorder;
    },

    onPress(event: WechatMiniprogram.TouchEvent) {
      const own = this.own();
      if (!own || this.data.phase !== 'idle') return;
      const speaking = own.recognizer !== null;
      if (!speaking && this.properties.full) {
        toast(`最多 ${VOICE_LIMITS.notesMax} 条声音留言，可以删除后再录`);
        return;
      }
      own.startY = event.touches[0]?.clientY ?? 0;
      own.speaking = speaking;
      own.dropped = false;
      this.setData({ phase: 'recording', seconds: 0 });
      this.startTimer();
      if (speaking && own.recognizer) {
        const recognizer = own.recognizer;
        recognizer.onStop = (res) => this.recognized(res);
        recognizer.onError = (res) => this.failed(res.msg ?? String(res.retcode ?? ''));
        recognizer.start({ duration: VOICE_LIMITS.durationMax * 1000, lang: 'zh_CN' });
      } else {
        this.recorder().start({
          duration: VOICE_LIMITS.durationMax * 1000,
          format: 'mp3',
          sampleRate: 16000,
          numberOfChannels: 1,
          encodeBitRate: 48000,
        });
      }
    },

    onMove(event: WechatMiniprogram.TouchEvent) {
      const own = this.own();
      if (!own || this.data.phase === 'idle') return;
      const y = event.touches[0]?.clientY ?? own.startY;
      const phase: Phase = own.startY - y > CANCEL_SLIDE_PX ? 'cancelling' : 'recording';
      if (phase !== this.data.phase) this.setData({ phase });
    },

    onRelease() {
      const own = this.own();
      if (!own || this.data.phase === 'idle') return;
      own.dropped = this.data.phase === 'cancelling';
      this.stopTimer();
      this.setData({ phase: 'idle' });
      if (own.speaking) own.recognizer?.stop();
      else own.recorder?.stop();
    },

    startTimer() {
      this.stopTimer();
      const own = this.own();
      if (own) own.timer = setInterval(() => this.tick(), 1000) as unknown as number;
    },

    stopTimer() {
      const own = this.own();
      if (own?.timer !== null && own?.timer !== undefined) {
        clearInterval(own.timer);
        own.timer = null;
      }
    },

    /** One second more on the visible timer. */
    tick() {
      if (this.data.phase !== 'idle')
        this.setData({ seconds: Math.min(this.data.max, this.data.seconds + 1) });
    },

    /** The recorder stopped: on release, or by itself at 60 s with the finger still down. */
    finished(res: RecorderStop) {
      const own = this.own();
      if (!own) return;
      this.stopTimer();
      if (this.data.phase !== 'idle') this.setData({ phase: 'idle' });
      if (own.dropped) return;
      const duration = durationSeconds(res.duration);
      if (duration < VOICE_LIMITS.durationMin) {
        toast('说话时间太短，请按住按钮说话');
        return;
      }
      this.triggerEvent('recorded', {
        src: res.tempFilePath,
        duration: Math.min(duration, VOICE_LIMITS.durationMax),
      });
    },

    recognized(res: RecognitionResult) {
      const own = this.own();
      if (!own) return;
      this.stopTimer();
      if (this.data.phase !== 'idle') this.setData({ phase: 'idle' });
      if (own.dropped) return;
      const text = (res.result ?? '').trim();
      if (!text) {
        toast('没有听清，请按住按钮再说一遍');
        return;
      }
      this.triggerEvent('text', { text });
    },

    failed(reason: string) {
      console.warn('recording failed', reason);
      this.stopTimer();
      if (this.data.phase !== 'idle') this.setData({ phase: 'idle' });
      toast(
        /auth|permission|deny/i.test(reason) ? '请在设置中允许使用麦克风后再试' : '录音没有成功，请再试一次',
      );
    },
  },
});
