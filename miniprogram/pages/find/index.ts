import type { FindDeputiesView, FoundDeputy, FoundStation, GeoPoint } from '../../core/api';
import { loadable } from '../../behaviors/loadable';
import { textSize } from '../../behaviors/text-size';
import * as resident from '../../services/resident';
import { shownError } from '../../utils/errors';
import { initialOf } from '../../utils/format';
import { navigate, toast } from '../../utils/ui';

/**
 * 找代表: a deputy or station found without a code, by the deputy's name or a station's name,
 * community or address (`resident.findDeputies`). Opened from home: first the stations to pick
 * from; a station or a deputy opens their page (the landing page, as a scan would). A station can
 * be called (拨打) and found (导航) from the list.
 */

interface StationRow {
  key: string;
  code: string;
  name: string;
  levelLabel: string;
  address: string;
  phone: string;
  location: GeoPoint | null;
}

interface DeputyRow {
  key: string;
  code: string;
  name: string;
  initial: string;
  photoUrl: string;
  detail: string;
}

const stationRow = (s: FoundStation): StationRow => ({
  key: s.id,
  code: s.code,
  name: s.name,
  levelLabel: s.levelLabel,
  address: s.address,
  phone: s.phone ?? '',
  location: s.location,
});

const deputyRow = (d: FoundDeputy): DeputyRow => ({
  key: d.id,
  code: d.code,
  name: d.name,
  initial: initialOf(d.name),
  photoUrl: d.photoUrl ?? '',
  detail: [d.levelLabel, d.stationName].filter(Boolean).join(' · '),
});

Component({
  behaviors: [loadable, textSize],
  data: {
    /** What is typed; `asked` what the list shows. */
    q: '',
    asked: '',
    stations: [] as StationRow[],
    deputies: [] as DeputyRow[],
    nextCursor: null as string | null,
    more: false,
  },
  methods: {
    onLoad() {
      this.offerTextSize();
      void this.load();
    },

    async fetch() {
      const view = await resident.findDeputies(this.data.asked ? { q: this.data.asked } : {});
      this.show(view, false);
      return view.stations.length + view.deputies.length === 0 ? 'empty' : 'ready';
    },

    show(view: FindDeputiesView, append: boolean) {
      const deputies = view.deputies.map(deputyRow);
      this.setData({
        ...(append ? {} : { stations: view.stations.map(stationRow) }),
        deputies: append ? [...this.data.deputies, ...deputies] : deputies,
        nextCursor: view.nextCursor,
      });
    },

    onInput(event: WechatMiniprogram.Input) {
      this.setData({ q: event.detail.value });
    },

    onSearch() {
      this.setData({ asked: this.data.q.trim() });
      void this.load();
    },

    onClear() {
      this.setData({ q: '', asked: '' });
      void this.load();
    },

    async onMore() {
      if (!this.data.nextCursor || this.data.more) return;
      this.setData({ more: true });
      try {
        const view = await resident.findDeputies({
          q: this.data.asked || undefined,
          cursor: this.data.nextCursor,
        });
        this.show(view, true);
      } catch (error) {
        toast(shownError(error).message);
      } finally {
        this.setData({ more: false });
      }
    },

    onReachBottom() {
      void this.onMore();
    },

    onOpenStation(event: WechatMiniprogram.TouchEvent) {
      navigate(`/pages/landing/index?type=station&code=${String(event.currentTarget.dataset.code)}`);
    },

    onOpenDeputy(event: WechatMiniprogram.TouchEvent) {
      navigate(`/pages/landing/index?type=deputy&code=${String(event.currentTarget.dataset.code)}`);
    },

    onCall(event: WechatMiniprogram.TouchEvent) {
      const phoneNumber = String(event.currentTarget.dataset.phone ?? '');
      if (phoneNumber) wx.makePhoneCall({ phoneNumber }).catch(() => undefined);
    },

    onNavigate(event: WechatMiniprogram.TouchEvent) {
      const station = this.data.stations.find((s) => s.code === event.currentTarget.dataset.code);
      if (!station?.location) return;
      wx.openLocation({ ...station.location, name: station.name, address: station.address, scale: 16 }).catch(
        () => toast('无法打开地图'),
      );
    },
  },
});
