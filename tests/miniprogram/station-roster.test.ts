import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import {
  decemberView,
  dutyRosterView,
  rosterProposalView,
  stationDayView,
  stationOverviewView,
  stationView,
  swapRequestView,
} from './mothers';

describe('station roster', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(): Promise<Found> {
    const page = render('pages/station/roster/index');
    page.instance.onLoad({ month: '2026-12' });
    await settle();
    await settle();
    return page;
  }

  /** December with the rotation's proposal for the 10th, at a station with a leaders' pool. */
  const serveWithLeader = () =>
    serveFunctions(wxMock, {
      station: {
        overview: () =>
          ok(
            stationOverviewView({
              month: '2026-12',
              station: stationView({ leaders: [{ id: 'leader-1', name: '赵书记' }] }),
            }),
          ),
        proposeRoster: () => ok(rosterProposalView()),
        saveRoster: ({ date }) => ok(stationDayView({ date, past: false })),
      },
    });

  it('shows the proposal beside the roster and publishes the chosen deputies and leader', async () => {
    const calls = serveWithLeader();
    const page = await open();

    expect(calls[1]).toEqual({
      name: 'station',
      action: 'proposeRoster',
      data: { from: '2026-12-01', to: '2026-12-31' },
    });
    expect(textOf(page.querySelector('.proposal') as Found)).toContain('李秀兰、陈志强');
    expect(textOf(page.querySelector('.current') as Found)).toContain('未排班');

    await tap(page.querySelector('.deputy-2026-12-10-deputy-3'));
    await tap(page.querySelector('.deputy-2026-12-10-deputy-1'));
    await tap(page.querySelector('.leader-2026-12-10-leader-1'));
    await tap(page.querySelector('.publish-2026-12-10'));

    expect(calls.find((call) => call.action === 'saveRoster')?.data).toEqual({
      date: '2026-12-10',
      deputyIds: ['deputy-1', 'deputy-2'],
      leaderId: 'leader-1',
      publish: true,
    });
    expect(textOf(page.querySelector('.current') as Found)).toContain('王建国、李秀兰');
  });

  it("shows who confirmed and the deputies' pending swap requests on the day", async () => {
    serveFunctions(wxMock, {
      station: {
        overview: () =>
          ok(
            decemberView({
              swapRequests: [swapRequestView({ withDeputy: { id: 'deputy-3', name: '陈志强' } })],
            }),
          ),
        proposeRoster: () =>
          ok(
            rosterProposalView({
              days: [
                {
                  ...rosterProposalView().days[0],
                  current: dutyRosterView({ confirmed: [{ id: 'deputy-2', name: '李秀兰' }] }),
                },
              ],
            }),
          ),
      },
    });
    const page = await open();

    expect(textOf(page.querySelector('.confirmed-2026-12-10') as Found)).toBe('已确认值班：李秀兰');
    expect(textOf(page.querySelector('.request-2026-12-10') as Found)).toContain(
      '王建国申请由陈志强代班（临时出差）',
    );
  });

  it('warns of a short day as staff choose, and asks before publishing it', async () => {
    const calls = serveWithLeader();
    const page = await open();
    const warnings = () => page.querySelectorAll('.warning-2026-12-10').map((node) => textOf(node as Found));
    expect(warnings()).toEqual(['未安排分管领导']);

    await tap(page.querySelector('.deputy-2026-12-10-deputy-3'));
    expect(warnings()).toEqual(['还差 1 名值班代表（本站每天 2 名）', '未安排分管领导']);

    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    await tap(page.querySelector('.publish-2026-12-10'));
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '值班人员不足',
        content: '还差 1 名值班代表（本站每天 2 名）；未安排分管领导。仍要发布吗？',
      }),
    );
    expect(calls.some((call) => call.action === 'saveRoster')).toBe(false);

    // A draft is saved without asking; once full, nothing is left to warn of.
    await tap(page.querySelector('.draft-2026-12-10'));
    expect(calls.filter((call) => call.action === 'saveRoster')).toHaveLength(1);
    await tap(page.querySelector('.deputy-2026-12-10-deputy-1'));
    await tap(page.querySelector('.leader-2026-12-10-leader-1'));
    expect(warnings()).toEqual([]);
  });

  it('refuses on the page what the server would refuse, without sending it', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(stationOverviewView({ month: '2026-12' })),
        proposeRoster: () => ok(rosterProposalView()),
      },
    });
    const page = await open();

    await tap(page.querySelector('.deputy-2026-12-10-deputy-1'));
    expect(textOf(page.querySelector('.problem-2026-12-10') as Found)).toBe(
      '本站每个接待日安排 2 名代表值班，当前 3 名',
    );
    await tap(page.querySelector('.publish-2026-12-10'));
    expect(textOf(page.querySelector('.error-2026-12-10') as Found)).toBe(
      '本站每个接待日安排 2 名代表值班，当前 3 名',
    );
    expect(calls.some((call) => call.action === 'saveRoster')).toBe(false);
  });

  it('shows a ROSTER error on the day', async () => {
    serveFunctions(wxMock, {
      station: {
        overview: () => ok(stationOverviewView({ month: '2026-12' })),
        proposeRoster: () => ok(rosterProposalView()),
        saveRoster: () => fail('ROSTER.UNAVAILABLE', '陈志强 当天不便值班'),
      },
    });
    const page = await open();

    await tap(page.querySelector('.draft-2026-12-10'));

    expect(textOf(page.querySelector('.error-2026-12-10') as Found)).toBe('陈志强 当天不便值班');
  });
});
