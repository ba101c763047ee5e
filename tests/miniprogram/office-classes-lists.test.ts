import {
  pickedKeys,
  pickToggled,
  reportItem,
  splitToggled,
  tabOf,
} from '../../miniprogram/pages/office/classes/lists';
import { classItem } from '../../miniprogram/utils/problem-classes';
import { classView, noiseClass, opinionReport } from './office-mothers';

/** What 问题类别's lists say: the tab a link opens, the 民情专报 rows, the ticks for a merge or a split. */

describe('the 民情专报 rows', () => {
  it('names a report made by the timer by its period, marked 季度, with its pages and when it was made, and opens it', () => {
    expect(reportItem(opinionReport())).toEqual({
      id: 'r1',
      title: '2026-01-01 至 2026-03-31（季度）',
      detail: '3 页 · 2026-11-21 10:30 生成',
      url: 'https://example.test/r1.pdf',
    });
  });

  it('says a report asked for is being made, and one that failed is to be made again; neither opens', () => {
    const running = reportItem(
      opinionReport({ from: '2026-04-01', to: '2026-05-31', quarterly: false, status: 'running', url: null }),
    );
    expect(running).toMatchObject({ title: '2026-04-01 至 2026-05-31', detail: '正在生成…', url: null });
    expect(reportItem(opinionReport({ status: 'queued' })).detail).toBe('正在生成…');
    // A failed job may still carry an address from an earlier try: it is not offered.
    const failed = reportItem(opinionReport({ status: 'failed' }));
    expect(failed).toMatchObject({ detail: '生成失败，请重新生成', url: null });
  });
});

describe('the tab a link opens', () => {
  it('opens 民情专报 from the message that a quarter’s report is ready, and the classes otherwise', () => {
    expect(tabOf('reports')).toBe('reports');
    expect(tabOf('suggestions')).toBe('suggestions');
    expect(tabOf(undefined)).toBe('classes');
    expect(tabOf('ledger')).toBe('classes');
  });
});

describe('ticking', () => {
  const classes = [classItem(classView()), classItem(noiseClass())];

  it('ticks classes for a merge and unticks them, counting those ticked', () => {
    const one = pickToggled(classes, 'noise');
    expect(one.picked).toBe(1);
    const two = pickToggled(one.classes, 'street_light');
    expect(two.picked).toBe(2);
    expect(pickedKeys(two.classes)).toEqual(['street_light', 'noise']);
    const back = pickToggled(two.classes, 'noise');
    expect(pickedKeys(back.classes)).toEqual(['street_light']);
    // The list it was given is left as it was.
    expect(pickedKeys(classes)).toEqual([]);
  });

  it('ticks cases for a split in the order ticked, with a lookup the ticks are drawn from', () => {
    const first = splitToggled([], '20260106-0001-0003');
    const second = splitToggled(first.splitPicked, '20260106-0001-0001');
    expect(second).toEqual({
      splitPicked: ['20260106-0001-0003', '20260106-0001-0001'],
      splitChecked: { '20260106-0001-0003': true, '20260106-0001-0001': true },
    });
    expect(splitToggled(second.splitPicked, '20260106-0001-0003')).toEqual({
      splitPicked: ['20260106-0001-0001'],
      splitChecked: { '20260106-0001-0001': true },
    });
  });
});
