import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { audienceOf, audienceQuery, type Audience } from '../../../services/accounts';
import * as office from '../../../services/office';
import * as station from '../../../services/station';
import { navigate, setTitle } from '../../../utils/ui';

/**
 * 代表履职, first step: whose record to open. The office picks any deputy of its directory (名册,
 * those in office first, found by name or code); station staff (`?audience=station`) the deputies
 * of their station. A tap opens the deputy's record (pages/office/deputy-record).
 */

export interface DeputyChoice {
  id: string;
  name: string;
  /** D00001 · 市人大代表 · 东街街道代表之家; 已离任 for a retired one. */
  detail: string;
}

Component({
  behaviors: [loadable, textSize],
  data: {
    audience: { kind: 'office' } as Audience,
    all: [] as DeputyChoice[],
    shown: [] as DeputyChoice[],
    query: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const audience = audienceOf(query);
      this.setData({ audience });
      if (audience.kind === 'station') setTitle('本站代表履职');
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const audience = this.data.audience;
      let all: DeputyChoice[];
      if (audience.kind === 'office') {
        const list = await office.directory('deputy');
        all = list.items.map((item) => ({
          id: item.id,
          name: item.name,
          detail: [item.code, item.detail, item.active ? '' : '已离任'].filter(Boolean).join(' · '),
        }));
      } else {
        const view = await station.overview(undefined, audience.stationId);
        all = view.station.deputies.map((person) => ({
          id: person.id,
          name: person.name,
          detail: view.station.name,
        }));
      }
      this.setData({ all });
      this.filter();
      return all.length > 0 ? 'ready' : 'empty';
    },

    filter() {
      const query = this.data.query.trim();
      this.setData({
        shown: query
          ? this.data.all.filter((item) => item.name.includes(query) || item.detail.includes(query))
          : this.data.all,
      });
    },

    onSearch(event: WechatMiniprogram.Input) {
      this.setData({ query: event.detail.value });
      this.filter();
    },

    onOpen(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const extra = audienceQuery(this.data.audience);
      navigate(
        `/pages/office/deputy-record/index?deputyId=${event.currentTarget.dataset.id}${extra ? `&${extra}` : ''}`,
      );
    },
  },
});
