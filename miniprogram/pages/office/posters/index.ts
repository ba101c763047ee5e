import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as office from '../../../services/office';
import { idleFile, isBusy, makeAndOpen, reopen, type FileState } from '../../../utils/file-job';

/**
 * 海报: the 亮码 posters (`office.posters`), one A4 page per active station and deputy, for every
 * station or for one station and its deputies. 生成海报 asks for the PDF, shows 正在生成 (with the
 * pages) while the timer makes a big batch, then opens it in WeChat's document viewer to print or
 * forward.
 */

interface Choice {
  id: string;
  name: string;
}

const ALL: Choice = { id: '', name: '全部联络站和代表' };

Component({
  behaviors: [loadable, textSize],
  data: {
    stations: [ALL],
    stationIndex: 0,
    file: idleFile() as FileState,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const list = await office.directory('station');
      const active = list.items.filter((item) => item.active).map(({ id, name }) => ({ id, name }));
      this.setData({ stations: [ALL, ...active] });
      return 'ready';
    },

    onStation(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({
        stationIndex: Number(event.detail.value),
        file: isBusy(this.data.file) ? this.data.file : idleFile(),
      });
    },

    async onMake() {
      if (isBusy(this.data.file)) return;
      const stationId = this.data.stations[this.data.stationIndex]?.id || undefined;
      await makeAndOpen(this, () => office.posters(stationId), '页');
    },

    async onOpenAgain() {
      const file = this.data.file.file;
      if (file && !isBusy(this.data.file)) await reopen(this, file);
    },
  },
});
