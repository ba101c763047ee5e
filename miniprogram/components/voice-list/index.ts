import { toast } from '../../utils/ui';

/**
 * Voice notes (声音留言) to listen to: each a row with ▶ 播放 and its length, played with
 * `wx.createInnerAudioContext()` (one at a time; tapping the playing one stops it). On a form
 * (`removable`) each also has 删除 and, when its upload failed, 重试, told to the page as `remove` and
 * `retry` with `{ key }`; on a case page the notes come from the function's view.
 *
 * `notes`: `{ key, src, durationLabel, state?, progress? }` — utils/voice-upload.ts VoiceItem on a form,
 * or the case view's voiceNotes mapped (`src` its url).
 */

export interface VoiceRow {
  key: string;
  /** What plays: a file on the phone, or the temporary URL the function named. */
  src: string | null;
  durationLabel: string;
  state?: 'uploading' | 'done' | 'failed';
  progress?: number;
}

const players = new WeakMap<object, WechatMiniprogram.InnerAudioContext>();

Component({
  options: { addGlobalClass: true },
  properties: {
    notes: { type: Array, value: [] },
    removable: { type: Boolean, value: false },
  },
  data: {
    /** The key of the note playing, or ''. */
    playing: '',
  },
  lifetimes: {
    detached() {
      players.get(this)?.destroy();
      players.delete(this);
    },
  },
  methods: {
    player(): WechatMiniprogram.InnerAudioContext {
      let player = players.get(this);
      if (!player) {
        player = wx.createInnerAudioContext();
        // Heard even with the phone's silent switch on: the resident chose to listen.
        player.obeyMuteSwitch = false;
        const done = () => this.setData({ playing: '' });
        player.onEnded(done);
        player.onStop(done);
        player.onError((res) => {
          console.warn('voice note did not play', res.errMsg);
          done();
          toast('这条声音留言暂时无法播放');
        });
        players.set(this, player);
      }
      return player;
    },

    onPlay(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      const key = event.currentTarget.dataset.key;
      const note = (this.properties.notes as VoiceRow[]).find((n) => n.key === key);
      const player = this.player();
      if (this.data.playing === key) {
        player.stop();
        this.setData({ playing: '' });
        return;
      }
      if (!note?.src) return;
      player.stop();
      player.src = note.src;
      player.play();
      this.setData({ playing: key });
    },

    onRemove(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      const key = event.currentTarget.dataset.key;
      if (this.data.playing === key) {
        this.player().stop();
        this.setData({ playing: '' });
      }
      this.triggerEvent('remove', { key });
    },

    onRetry(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      this.triggerEvent('retry', { key: event.currentTarget.dataset.key });
    },
  },
});
