import type { FiguresDimension, FiguresGroup, FiguresScope, FiguresView } from '../../../core/api';
import { FIGURES_DIMENSION_LABELS } from '../../../core/figures';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { audienceOf, figures as readFigures, type Audience } from '../../../services/accounts';
import {
  BAR_METRICS,
  BREAKDOWNS,
  SCOPE_FIELD,
  breakdownBars,
  detailTiles,
  headlineTiles,
  outcomeSplit,
  satisfactionSplit,
  type Bar,
  type BarMetric,
  type FigureTile,
  type ScopeChip,
  type Split,
} from '../../../utils/figures-view';
import {
  PERIOD_OPTIONS,
  periodInput,
  periodLabel,
  withFrom,
  withTo,
  type PeriodChoice,
  type PeriodState,
} from '../../../utils/period';
import { setTitle, toast } from '../../../utils/ui';

/**
 * 统计: the figures of `office.figures` (or, opened with `?audience=station`, of
 * `station.caseFigures`: the staff's stations' share) for 本月, 本季度, 本年 or dates of one's own;
 * the headline numbers large, the satisfaction and outcome splits as bars, and a breakdown by
 * station, unit, category, channel, deputy or kind as one bar per value, measured by 受理, 满意率,
 * 按期回复率 or 办成率. Tapping a bar narrows the scope to it (只看东街代表之家), and the breakdown
 * moves on to the next dimension; the scope's chips take a narrowing away again.
 */

const EMPTY_SPLIT: Split = { title: '', segments: [], aria: '', empty: true };

Component({
  behaviors: [loadable, textSize],
  data: {
    audience: { kind: 'office' } as Audience,
    periodOptions: PERIOD_OPTIONS,
    period: { choice: 'month', from: '', to: '' } as PeriodState,
    periodText: '',
    scope: {} as FiguresScope,
    scopeChips: [] as ScopeChip[],
    /** What the scope is before any narrowing: 全部, or the staff's 本联络站. */
    scopeAll: '全部',
    breakdowns: BREAKDOWNS,
    breakdown: 'station' as FiguresDimension,
    metrics: BAR_METRICS,
    metric: 'accepted' as BarMetric,
    headline: [] as FigureTile[],
    details: [] as FigureTile[],
    satisfaction: EMPTY_SPLIT,
    outcomes: EMPTY_SPLIT,
    groups: [] as FiguresGroup[],
    bars: [] as Bar[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const audience = audienceOf(query);
      // Staff see their own station's cases: the breakdown starts where their cases differ.
      this.setData({
        audience,
        breakdown: audience.kind === 'office' ? 'station' : 'category',
        scopeAll: audience.kind === 'office' ? '全部' : '本联络站',
      });
      if (audience.kind === 'station') setTitle('联络站案件统计');
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const view = await readFigures(this.data.audience, {
        ...periodInput(this.data.period),
        ...this.data.scope,
        groupBy: this.data.breakdown,
      });
      this.show(view);
      return view.total.accepted > 0 ? 'ready' : 'empty';
    },

    show(view: FiguresView) {
      this.setData({
        'period.from': view.from,
        'period.to': view.to,
        periodText: periodLabel(view.from, view.to),
        headline: headlineTiles(view.total),
        details: detailTiles(view.total),
        satisfaction: satisfactionSplit(view.total),
        outcomes: outcomeSplit(view.total),
        groups: view.groups,
        bars: breakdownBars(view.groups, this.data.metric),
      });
    },

    onPeriod(event: WechatMiniprogram.BaseEvent<object, { key: PeriodChoice }>) {
      const choice = event.currentTarget.dataset.key;
      if (choice === this.data.period.choice) return;
      // 自定义 starts from the dates shown; a named period asks the function which dates it is.
      this.setData({ 'period.choice': choice });
      if (choice !== 'custom') void this.load();
    },

    onFrom(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ period: withFrom(this.data.period, event.detail.value) });
      void this.load();
    },

    onTo(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ period: withTo(this.data.period, event.detail.value) });
      void this.load();
    },

    onBreakdown(event: WechatMiniprogram.BaseEvent<object, { key: FiguresDimension }>) {
      const breakdown = event.currentTarget.dataset.key;
      if (breakdown === this.data.breakdown) return;
      this.setData({ breakdown });
      void this.refresh();
    },

    /** Another measure for the same bars: nothing to ask. */
    onMetric(event: WechatMiniprogram.BaseEvent<object, { key: BarMetric }>) {
      const metric = event.currentTarget.dataset.key;
      this.setData({ metric, bars: breakdownBars(this.data.groups, metric) });
    },

    /** 只看 this value: the scope narrows to it, and the breakdown moves to a dimension not yet narrowed. */
    onBar(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const bar = this.data.bars[Number(event.currentTarget.dataset.index)];
      if (!bar) return;
      if (!bar.key) {
        toast(`“${bar.name}”不能单独查看`);
        return;
      }
      const dimension = this.data.breakdown;
      const scope = { ...this.data.scope, [SCOPE_FIELD[dimension]]: bar.key };
      const chips = [
        ...this.data.scopeChips.filter((chip) => chip.dimension !== dimension),
        { dimension, label: `${FIGURES_DIMENSION_LABELS[dimension]}：${bar.name}` },
      ];
      const narrowed = new Set(chips.map((chip) => chip.dimension));
      const next = BREAKDOWNS.find((item) => !narrowed.has(item.key))?.key ?? dimension;
      this.setData({ scope, scopeChips: chips, breakdown: next });
      void this.load();
    },

    onClearScope(event: WechatMiniprogram.BaseEvent<object, { dimension: FiguresDimension }>) {
      const dimension = event.currentTarget.dataset.dimension;
      const scope: FiguresScope = { ...this.data.scope };
      delete scope[SCOPE_FIELD[dimension]];
      this.setData({
        scope,
        scopeChips: this.data.scopeChips.filter((chip) => chip.dimension !== dimension),
        breakdown: dimension,
      });
      void this.load();
    },
  },
});
