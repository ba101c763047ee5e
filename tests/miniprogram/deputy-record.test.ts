import type { DeputyRecordView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { inboxView } from './mothers';

/** A year of a deputy's record, Wuxi-like: 291 satisfied and 9 basically satisfied of 300 rated. */
function recordView(overrides: Partial<DeputyRecordView> = {}): DeputyRecordView {
  return {
    deputy: { id: 'deputy-lin', name: '林晓红', levelLabel: '市人大代表' },
    period: { from: '2026-01-01', to: '2026-12-31' },
    received: 320,
    accepted: 310,
    routed: { direct: 120, assign: 150, transfer: 25, escalate: 5 },
    answered: 300,
    explained: 4,
    answeredOnTime: 291,
    onTimeRate: 0.97,
    rated: 300,
    satisfied: 291,
    basicallySatisfied: 9,
    unsatisfied: 0,
    satisfactionRate: 1,
    receptionDaysRostered: 12,
    receptionDaysAttended: 11,
    suggestionsSigned: 3,
    ...overrides,
  };
}

const nothing = (year: number): Partial<DeputyRecordView> => ({
  period: { from: `${year}-01-01`, to: `${year}-12-31` },
  received: 0,
  accepted: 0,
  routed: { direct: 0, assign: 0, transfer: 0, escalate: 0 },
  answered: 0,
  explained: 0,
  answeredOnTime: 0,
  onTimeRate: null,
  rated: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  unsatisfied: 0,
  satisfactionRate: null,
  receptionDaysRostered: 0,
  receptionDaysAttended: 0,
  suggestionsSigned: 0,
});

describe('deputy record page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(): Promise<Found> {
    const page = render('pages/deputy/record/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const figure = (page: Found, key: string) => textOf(page.querySelector(`.figure-${key}`)!);
  /** The figure's number as shown, with its unit: "320 件", "97.0%". */
  const value = (page: Found, key: string) =>
    [`.figure-${key} .figure__value`, `.figure-${key} .figure__unit`]
      .map((selector) => page.querySelector(selector))
      .filter((node): node is Found => !!node)
      .map(textOf)
      .join(' ');

  it('asks for the current year and shows each figure, its rate to one decimal and how it is counted', async () => {
    const calls = serveFunctions(wxMock, { deputy: { record: () => ok(recordView()) } });

    const page = await open();

    expect(calls).toEqual([{ name: 'deputy', action: 'record', data: {} }]);
    expect(textOf(page.querySelector('.record__head')!)).toContain('林晓红');
    expect(textOf(page.querySelector('.year-picker')!)).toContain('2026年');
    expect(textOf(page)).toContain('统计期间：2026-01-01 至 2026-12-31');

    expect(value(page, 'received')).toBe('320 件');
    expect(value(page, 'accepted')).toBe('310 件');
    expect(value(page, 'routed')).toBe('300 件次');
    expect(figure(page, 'routed')).toContain('直办 120 · 交办 150 · 转办 25 · 报办 5');
    expect(value(page, 'answered')).toBe('300 件');
    expect(figure(page, 'answered')).toContain('另有解释说明 4 件');
    expect(value(page, 'on-time')).toBe('97.0%');
    expect(figure(page, 'on-time')).toContain('按时答复 291 件');
    expect(value(page, 'satisfaction')).toBe('100.0%');
    expect(figure(page, 'satisfaction')).toContain('满意 291 · 基本满意 9 · 不满意 0，共评价 300 件');
    expect(value(page, 'reception')).toBe('11 天');
    expect(figure(page, 'reception')).toContain('共排班 12 天');
    // One sentence each on how the figure is computed.
    expect(page.querySelectorAll('.figure__note')).toHaveLength(8);
    expect(figure(page, 'suggestions')).toContain('联名代表建议');
    expect(figure(page, 'suggestions')).toContain('3');
    expect(figure(page, 'satisfaction')).toContain('（满意＋基本满意）÷ 已评价件数');
  });

  it('shows rates with nothing to rate as —, and says why', async () => {
    serveFunctions(wxMock, {
      deputy: {
        record: () =>
          ok(
            recordView({
              ...nothing(2026),
              received: 2,
              accepted: 1,
              answered: 1,
              onTimeRate: null,
            }),
          ),
      },
    });

    const page = await open();

    expect(value(page, 'on-time')).toBe('—');
    expect(value(page, 'satisfaction')).toBe('—');
    expect(figure(page, 'on-time')).toContain('暂无计时答复');
    expect(figure(page, 'satisfaction')).toContain('暂无群众评价');
    expect(figure(page, 'reception')).toContain('暂无接待日排班');
  });

  it('shows an empty state when the year has nothing yet, and keeps the year picker', async () => {
    serveFunctions(wxMock, { deputy: { record: () => ok(recordView(nothing(2026))) } });

    const page = await open();

    expect(textOf(page.querySelector('.state')!)).toContain('2026年还没有履职记录');
    expect(page.querySelector('.figure-received')).toBeFalsy();
    expect(page.querySelector('.year-picker')).toBeTruthy();
  });

  it('loads another year from the picker: the current one and the four before it', async () => {
    const calls = serveFunctions(wxMock, {
      deputy: {
        record: ({ year }) =>
          ok(year === 2024 ? recordView({ ...nothing(2024), received: 5 }) : recordView()),
      },
    });
    const page = await open();
    expect(page.data.yearLabels).toEqual(['2026年', '2025年', '2024年', '2023年', '2022年']);

    page.querySelector('.year-picker')?.dispatchEvent('change', { detail: { value: 2 } });
    await settle();
    await settle();

    expect(calls.at(-1)).toEqual({ name: 'deputy', action: 'record', data: { year: 2024 } });
    expect(textOf(page.querySelector('.year-picker')!)).toContain('2024年');
    expect(value(page, 'received')).toBe('5 件');
    expect(page.data.yearLabels).toEqual(['2026年', '2025年', '2024年', '2023年', '2022年']);
  });

  it('shows a failure with 重试, and retries', async () => {
    let attempts = 0;
    const calls = serveFunctions(wxMock, {
      deputy: {
        record: () => (++attempts === 1 ? fail('INTERNAL', '服务暂时不可用，请稍后再试') : ok(recordView())),
      },
    });
    const page = await open();
    expect(textOf(page.querySelector('.state')!)).toContain('服务暂时不可用');

    await tapStateAction(page);
    await settle();

    expect(calls).toHaveLength(2);
    expect(value(page, 'satisfaction')).toBe('100.0%');
  });

  it('says so, without 重试, to someone who is not a bound deputy', async () => {
    serveFunctions(wxMock, {
      deputy: { record: () => fail('AUTH.FORBIDDEN', '此功能仅限已绑定的人大代表使用') },
    });
    const page = await open();
    expect(textOf(page.querySelector('.state')!)).toContain('此功能仅限已绑定的人大代表使用');
    expect(page.querySelector('.state >>> .state-view__action')).toBeFalsy();
  });

  it('is reached from the deputy inbox', async () => {
    serveFunctions(wxMock, { deputy: { inbox: () => ok(inboxView()) } });
    const inbox = render('pages/deputy/inbox/index');
    inbox.instance.onLoad({});
    await settle();

    await tap(inbox.querySelector('.record-link'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/record/index' });
  });
});
