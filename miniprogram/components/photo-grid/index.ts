import type { PhotoView } from '../../core/api';
import { preview } from '../../utils/ui';

/**
 * A case's photos in a grid; a tap opens WeChat's viewer on all the photos that can be shown. A photo
 * whose URL is missing (deleted, expired) keeps its place with a placeholder, so none hides another.
 *
 * `<photo-grid photos="{{view.photos}}" />`
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    photos: { type: Array, value: [] },
  },
  data: {
    cells: [] as Array<{ key: string; url: string }>,
  },
  observers: {
    photos(photos: PhotoView[]) {
      this.setData({ cells: (photos ?? []).map((photo) => ({ key: photo.fileID, url: photo.url ?? '' })) });
    },
  },
  methods: {
    onPreview(event: WechatMiniprogram.BaseEvent<object, { url: string }>) {
      const current = event.currentTarget.dataset.url;
      if (!current) return;
      const urls = this.data.cells.map((cell) => cell.url).filter(Boolean);
      preview(current, urls);
    },
  },
});
