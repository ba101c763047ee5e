import { ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap } from './helpers';
import type { WxMock } from './helpers';
import { meView } from './mothers';

describe('联络站工作台 link on the casework queue', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(roles: Parameters<typeof meView>[0]) {
    serveFunctions(wxMock, {
      resident: { me: () => ok(meView(roles)) },
      casework: { queue: () => ok({ items: [], nextCursor: null }) },
    });
    const page = render('pages/casework/queue/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  it('is shown to station staff and opens 本月概览', async () => {
    const page = await open(['staff']);

    await tap(page.querySelector('.station-link'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/station/overview/index' });
  });

  it('is not shown to deputies, units or the office', async () => {
    const page = await open(['deputy', 'unit', 'office']);

    expect(page.querySelector('.station-link')).toBeFalsy();
  });
});
