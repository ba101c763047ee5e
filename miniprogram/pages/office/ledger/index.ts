import type { LedgerInput } from '../../../core/api';
import { chinaDate } from '../../../core/china-time';
import { CASE_CHANNEL_LABELS, CASE_KIND_LABELS, type CaseChannel, type CaseKind } from '../../../core/model';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { audienceOf, ledger, type Audience } from '../../../services/accounts';
import * as office from '../../../services/office';
import { idleFile, isBusy, makeAndOpen, reopen, type FileState } from '../../../utils/file-job';
import {
  PERIOD_OPTIONS,
  periodDates,
  periodLabel,
  withFrom,
  withTo,
  type PeriodChoice,
  type PeriodState,
} from '../../../utils/period';
import { setTitle } from '../../../utils/ui';

/**
 * 台账导出: the ledger (`office.ledger`, or `station.ledger` for staff opening it with
 * `?audience=station`) of a period — 本月, 本季度, 本年 or dates of one's own — narrowed, for the
 * office, to a station or a handling unit, and for everyone to a kind or a channel. 生成台账 asks
 * for the .xlsx, shows 正在生成 (with the rows) while the timer makes a big one, then opens it in
 * WeChat's document viewer, whose menu forwards or saves it.
 */

export interface Choice {
  id: string;
  name: string;
}

const all = (name: string): Choice => ({ id: '', name });

const KINDS: Choice[] = [
  all('全部类型'),
  ...(Object.keys(CASE_KIND_LABELS) as CaseKind[]).map((id) => ({ id, name: CASE_KIND_LABELS[id] })),
];

const CHANNELS: Choice[] = [
  all('全部渠道'),
  ...(Object.keys(CASE_CHANNEL_LABELS) as CaseChannel[]).map((id) => ({ id, name: CASE_CHANNEL_LABELS[id] })),
];

Component({
  behaviors: [loadable, textSize],
  data: {
    audience: { kind: 'office' } as Audience,
    today: '',
    periodOptions: PERIOD_OPTIONS,
    period: { choice: 'month', from: '', to: '' } as PeriodState,
    periodText: '',
    stations: [all('全部联络站')],
    stationIndex: 0,
    units: [all('全部承办单位')],
    unitIndex: 0,
    kinds: KINDS,
    kindIndex: 0,
    channels: CHANNELS,
    channelIndex: 0,
    file: idleFile() as FileState,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const audience = audienceOf(query);
      this.setData({ audience, today: chinaDate(Date.now()) });
      if (audience.kind === 'station') setTitle('联络站台账');
      this.choosePeriod({ choice: 'month', from: '', to: '' });
      void this.load();
    },

    /** The office narrows by station and unit: the directory's active ones. Staff need nothing read. */
    async fetch(): Promise<Loaded> {
      if (this.data.audience.kind !== 'office') return 'ready';
      const [stations, units] = await Promise.all([office.directory('station'), office.directory('unit')]);
      const active = (items: Array<{ id: string; name: string; active: boolean }>): Choice[] =>
        items.filter((item) => item.active).map(({ id, name }) => ({ id, name }));
      this.setData({
        stations: [all('全部联络站'), ...active(stations.items)],
        units: [all('全部承办单位'), ...active(units.items)],
      });
      return 'ready';
    },

    choosePeriod(state: PeriodState) {
      const dates = periodDates(state, this.data.today);
      this.setData({
        period: { choice: state.choice, ...dates },
        periodText: periodLabel(dates.from, dates.to),
        // A file made for other choices is not this one.
        file: isBusy(this.data.file) ? this.data.file : idleFile(),
      });
    },

    onPeriod(event: WechatMiniprogram.BaseEvent<object, { key: PeriodChoice }>) {
      this.choosePeriod({ ...this.data.period, choice: event.currentTarget.dataset.key });
    },

    onFrom(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choosePeriod(withFrom(this.data.period, event.detail.value));
    },

    onTo(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.choosePeriod(withTo(this.data.period, event.detail.value));
    },

    onPick(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>) {
      this.setData({
        [event.currentTarget.dataset.field]: Number(event.detail.value),
        file: isBusy(this.data.file) ? this.data.file : idleFile(),
      });
    },

    input(): LedgerInput {
      const { period, stations, stationIndex, units, unitIndex, kinds, kindIndex, channels, channelIndex } =
        this.data;
      const input: LedgerInput = { from: period.from, to: period.to };
      if (stations[stationIndex]?.id) input.stationId = stations[stationIndex].id;
      if (units[unitIndex]?.id) input.unitId = units[unitIndex].id;
      if (kinds[kindIndex]?.id) input.kind = kinds[kindIndex].id as CaseKind;
      if (channels[channelIndex]?.id) input.channel = channels[channelIndex].id as CaseChannel;
      return input;
    },

    async onMake() {
      if (isBusy(this.data.file)) return;
      const input = this.input();
      await makeAndOpen(this, () => ledger(this.data.audience, input), '行');
    },

    async onOpenAgain() {
      const file = this.data.file.file;
      if (file && !isBusy(this.data.file)) await reopen(this, file);
    },
  },
});
