import {
  chooseTextSize,
  currentTextSize,
  dismissOffer,
  followsWeChat,
  onTextSizeChange,
  shouldOffer,
  type TextSize,
} from '../utils/text-size';

/**
 * 长辈版 on every resident page: `behaviors: [textSize]`, and the page's outermost view takes
 * `class="… {{sizeClass}}"`. The class (`large-text`, in app.wxss) sets the CSS variables every size
 * in the app's styles is written with (text, line height, tap targets), so components inside the
 * page follow without knowing of it.
 *
 * The switch (`bind:tap="onToggleTextSize"`) and the first-use offer (`offerTextSize()` when the page
 * loads, then `sizeOffer` in the page: 'offer' while the text is standard, 'followed' when the app
 * opened in 长辈版 because WeChat's text is large) live on the entry pages: home and landing.
 */

/** The class the outermost view of a page takes in 长辈版. */
export const LARGE_TEXT_CLASS = 'large-text';

export type SizeOffer = '' | 'offer' | 'followed';

interface Host {
  data: { largeText: boolean };
  setData(data: Record<string, unknown>): void;
}

const sizeData = (size: TextSize) => ({
  largeText: size === 'large',
  sizeClass: size === 'large' ? LARGE_TEXT_CLASS : '',
});

function show(host: Host, size: TextSize): void {
  if (host.data.largeText !== (size === 'large')) host.setData(sizeData(size));
}

const unsubscribe = new WeakMap<object, () => void>();

export const textSize = Behavior({
  data: { largeText: false, sizeClass: '', sizeOffer: '' as SizeOffer },
  lifetimes: {
    attached() {
      this.setData(sizeData(currentTextSize()));
      unsubscribe.set(
        this,
        onTextSizeChange((size) => show(this, size)),
      );
    },
    detached() {
      unsubscribe.get(this)?.();
      unsubscribe.delete(this);
    },
  },
  pageLifetimes: {
    /** Back from another page: the size may have changed there. */
    show() {
      show(this, currentTextSize());
    },
  },
  methods: {
    /** Entry pages: offer 长辈版 once per phone, until answered. */
    offerTextSize() {
      if (shouldOffer()) this.setData({ sizeOffer: followsWeChat() ? 'followed' : 'offer' });
    },

    onToggleTextSize() {
      const size: TextSize = this.data.largeText ? 'standard' : 'large';
      chooseTextSize(size);
      this.setData({ ...sizeData(size), sizeOffer: '' });
    },

    /** 打开长辈版 in the offer, or 好的 when it opened by itself: a choice, kept. */
    onAcceptLargeText() {
      chooseTextSize('large');
      this.setData({ ...sizeData('large'), sizeOffer: '' });
    },

    /** 不用了 (standard stays), or 用标准版 when it opened by itself. */
    onDeclineLargeText() {
      if (this.data.sizeOffer === 'followed') {
        chooseTextSize('standard');
        this.setData({ ...sizeData('standard'), sizeOffer: '' });
      } else {
        dismissOffer();
        this.setData({ sizeOffer: '' });
      }
    },
  },
});
