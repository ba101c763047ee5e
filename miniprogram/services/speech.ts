/**
 * Speech to text (语音输入) through WeChat's own 同声传译 plugin (WechatSI, declared in app.json
 * `plugins`). The plugin is only there where WeChat loads it for this mini-program (it must also be
 * added on the admin console): anywhere else `requirePlugin` is missing or throws, and this answers
 * null, so the page degrades to recording a voice note (decision 0027).
 */

export interface RecognitionResult {
  /** What was understood; '' when nothing was. */
  result?: string;
  tempFilePath?: string;
  /** Milliseconds. */
  duration?: number;
}

/** WechatSI's recordRecoManager: one per mini-program, its callbacks set as properties. */
export interface Recognizer {
  start(options: { duration?: number; lang?: string }): void;
  stop(): void;
  onStart?: (res: unknown) => void;
  onRecognize?: (res: RecognitionResult) => void;
  onStop?: (res: RecognitionResult) => void;
  onError?: (res: { retcode?: number; msg?: string }) => void;
}

/** The plugin's recognizer, or null where the plugin does not load. */
export function speechRecognizer(): Recognizer | null {
  try {
    if (typeof requirePlugin !== 'function') return null;
    const plugin = requirePlugin('WechatSI') as unknown;
    const get =
      typeof plugin === 'object' && plugin !== null
        ? (plugin as { getRecordRecognitionManager?: unknown }).getRecordRecognitionManager
        : undefined;
    if (typeof get !== 'function') return null;
    const manager = (get as () => unknown).call(plugin) as Recognizer | null;
    return manager && typeof manager.start === 'function' && typeof manager.stop === 'function'
      ? manager
      : null;
  } catch (error) {
    console.warn('speech plugin unavailable', error);
    return null;
  }
}
