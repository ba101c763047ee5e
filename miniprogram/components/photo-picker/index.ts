/**
 * The photos of a form being filled in, each with its upload state (压缩中, a percentage, 上传失败
 * with 重试) and ×, and a cell to add more until `max`. The page keeps the list (utils/photo-upload.ts
 * PhotoItem) and does the work; this only shows it and tells the page what was tapped: `add`, and
 * `retry`, `remove`, `preview` with `{ key }`.
 *
 * `<photo-picker photos="{{photos}}" max="{{9}}" bind:add="onAddPhotos" bind:remove="onRemovePhoto" … />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    photos: { type: Array, value: [] },
    max: { type: Number, value: 9 },
  },
  methods: {
    onAdd() {
      this.triggerEvent('add');
    },
    onRetry(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      this.triggerEvent('retry', { key: event.currentTarget.dataset.key });
    },
    onRemove(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      this.triggerEvent('remove', { key: event.currentTarget.dataset.key });
    },
    onPreview(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      this.triggerEvent('preview', { key: event.currentTarget.dataset.key });
    },
  },
});
