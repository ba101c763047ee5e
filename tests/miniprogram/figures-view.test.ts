import { breakdownBars, outcomeSplit, satisfactionSplit } from '../../miniprogram/utils/figures-view';
import { caseFigures, figuresGroup } from './office-mothers';

/** What the figures' bars say in words (their aria-label), for those who cannot or would rather not look. */

describe('figures in words', () => {
  it("says Wuxi's satisfaction split: 291 satisfied = 97%, 9 basically = 3%", () => {
    const split = satisfactionSplit(
      caseFigures({
        rated: 300,
        satisfied: 291,
        basicallySatisfied: 9,
        unsatisfied: 0,
        satisfiedShare: 97,
        basicallySatisfiedShare: 3,
        unsatisfiedShare: 0,
      }),
    );

    expect(split.aria).toBe('已评价 300 件：满意 291 件，占 97%；基本满意 9 件，占 3%；不满意 0 件，占 0%');
    expect(split.segments.map((segment) => segment.width)).toEqual([97, 3, 0]);
  });

  it('says nothing is rated yet rather than 0%', () => {
    const split = satisfactionSplit(
      caseFigures({
        rated: 0,
        satisfied: 0,
        basicallySatisfied: 0,
        unsatisfied: 0,
        satisfiedShare: null,
        basicallySatisfiedShare: null,
        unsatisfiedShare: null,
      }),
    );

    expect(split.empty).toBe(true);
    expect(split.segments.map((segment) => segment.share)).toEqual(['—', '—', '—']);
  });

  it('shares the outcomes among the replies', () => {
    const split = outcomeSplit(
      caseFigures({ replied: 300, solved: 263, planned: 30, explained: 7, outcomeUnrecorded: 0 }),
    );

    expect(split.segments.map((segment) => segment.share)).toEqual(['87.7%', '10%', '2.3%', '0%']);
  });

  it('orders the bars by the measure, rates last when there is none, and names each in words', () => {
    const bars = breakdownBars(
      [
        figuresGroup('u1', '东街街道办事处', { accepted: 40, satisfactionRate: 95 }),
        figuresGroup('u2', '市住建局', { accepted: 10, satisfactionRate: null }),
        figuresGroup('u3', '市城管局', { accepted: 20, satisfactionRate: 100 }),
      ],
      'satisfactionRate',
    );

    expect(bars.map((bar) => [bar.name, bar.value, bar.width])).toEqual([
      ['市城管局', '100%', 100],
      ['东街街道办事处', '95%', 95],
      ['市住建局', '—', 0],
    ]);
    expect(bars[2].aria).toBe('市住建局，满意率 —，受理 10 件 · 满意率 —');
  });
});
