import type { DeputyRecordView } from '../../../core/api';
import { percent } from '../../../core/deputy-record';
import { ROUTE_KINDS, ROUTE_LABELS } from '../../../core/model';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as deputy from '../../../services/deputy';
import { navigate } from '../../../utils/ui';

/**
 * 我的履职档案: the deputy's figures for one year (the current year first, as the server's clock
 * says), computed by the server from the cases' events (core/deputy-record.ts), never typed in.
 * Each figure carries one sentence on how it is counted.
 */

/** Years offered: the current one and the four before it (a congress term is five years). */
const YEARS_SHOWN = 5;

interface FigureCard {
  key: string;
  label: string;
  value: string;
  unit: string;
  detail: string;
  note: string;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Nothing at all happened in the year: the page shows an empty state instead of a wall of zeros. */
function isEmptyRecord(view: DeputyRecordView): boolean {
  return (
    view.received +
      view.accepted +
      view.answered +
      view.explained +
      view.rated +
      view.receptionDaysRostered +
      view.suggestionsSigned ===
      0 && sum(ROUTE_KINDS.map((k) => view.routed[k])) === 0
  );
}

function figureCards(view: DeputyRecordView): FigureCard[] {
  const routedTotal = sum(ROUTE_KINDS.map((k) => view.routed[k]));
  return [
    {
      key: 'received',
      label: '收到诉求',
      value: String(view.received),
      unit: '件',
      detail: '',
      note: '当年新收到的诉求，含扫码反映、接待日登记和您录入的。',
    },
    {
      key: 'accepted',
      label: '受理',
      value: String(view.accepted),
      unit: '件',
      detail: '',
      note: '当年由您本人受理的诉求，当场直接答复的也算受理。',
    },
    {
      key: 'routed',
      label: '分办',
      value: String(routedTotal),
      unit: '件次',
      detail: ROUTE_KINDS.map((k) => `${ROUTE_LABELS[k]} ${view.routed[k]}`).join(' · '),
      note: '当年由您分办的诉求，按直办、交办、转办、报办分别计数。',
    },
    {
      key: 'answered',
      label: '答复',
      value: String(view.answered),
      unit: '件',
      detail: view.explained > 0 ? `另有解释说明 ${view.explained} 件` : '',
      note: '当年得到答复的诉求：您本人答复的，或您分办的承办单位答复的。解释说明的另行计数。',
    },
    {
      key: 'on-time',
      label: '按时答复率',
      value: percent(view.onTimeRate),
      unit: '',
      detail: view.onTimeRate === null ? '暂无计时答复' : `按时答复 ${view.answeredOnTime} 件`,
      note: '首次答复在工作日办理时限内的比例；受理前当场答复的未计时，不计入。',
    },
    {
      key: 'satisfaction',
      label: '满意率',
      value: percent(view.satisfactionRate),
      unit: '',
      detail:
        view.rated === 0
          ? '暂无群众评价'
          : `满意 ${view.satisfied} · 基本满意 ${view.basicallySatisfied} · 不满意 ${view.unsatisfied}，共评价 ${view.rated} 件`,
      note: '（满意＋基本满意）÷ 已评价件数；发回重办的按最后一次评价计。',
    },
    {
      key: 'reception',
      label: '接待日到岗',
      value: String(view.receptionDaysAttended),
      unit: '天',
      detail: view.receptionDaysRostered === 0 ? '暂无接待日排班' : `共排班 ${view.receptionDaysRostered} 天`,
      note: '当年排班值守的接待日中，您实际到岗的天数。',
    },
    {
      key: 'suggestions',
      label: '联名代表建议',
      value: String(view.suggestionsSigned),
      unit: '件',
      detail: '',
      note: '当年提交的闭会期间代表建议中，您确认联名的件数（含您领衔的）。',
    },
  ];
}

Component({
  behaviors: [loadable, textSize],
  data: {
    view: null as DeputyRecordView | null,
    /** Set by the first answer: the server's current year. */
    currentYear: 0,
    year: 0,
    years: [] as number[],
    yearLabels: [] as string[],
    yearIndex: 0,
    cards: [] as FigureCard[],
  },
  methods: {
    onLoad() {
      void this.load();
    },

    /** The year chosen; before the first answer, the current year, whichever the server says it is. */
    async fetch(): Promise<Loaded> {
      const view = await deputy.record(this.data.year || undefined);
      const shownYear = Number(view.period.from.slice(0, 4));
      // The years offered run from the current year back; learnt from the first answer.
      const currentYear = this.data.currentYear || shownYear;
      const years = Array.from({ length: YEARS_SHOWN }, (_, i) => currentYear - i);
      this.setData({
        view,
        currentYear,
        year: shownYear,
        years,
        yearLabels: years.map((y) => `${y}年`),
        yearIndex: Math.max(0, years.indexOf(shownYear)),
        cards: figureCards(view),
      });
      return isEmptyRecord(view) ? 'empty' : 'ready';
    },

    onYear(event: WechatMiniprogram.PickerChange) {
      const year = this.data.years[Number(event.detail.value)];
      if (year === undefined || year === this.data.year) return;
      this.setData({ yearIndex: Number(event.detail.value), year });
      void this.load();
    },

    onSuggestions() {
      navigate('/pages/deputy/suggestions/index');
    },
  },
});
