/**
 * The 长辈版 / 标准版 switch at the top of an entry page, with the first-use offer below it while
 * `offer` is set. The page holds the state (behaviors/text-size.ts) and binds the events:
 *
 * `<text-size-bar large="{{largeText}}" offer="{{sizeOffer}}" bind:toggle="onToggleTextSize"
 *   bind:accept="onAcceptLargeText" bind:decline="onDeclineLargeText" />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    large: { type: Boolean, value: false },
    /** '' (no offer), 'offer' (text is standard), 'followed' (opened in 长辈版 by WeChat's size). */
    offer: { type: String, value: '' },
  },
  methods: {
    onToggle() {
      this.triggerEvent('toggle');
    },
    onAccept() {
      this.triggerEvent('accept');
    },
    onDecline() {
      this.triggerEvent('decline');
    },
  },
});
