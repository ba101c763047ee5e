import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { AT, caseDetail, timelineEntry } from './mothers';

describe('case page (resident)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(id = 'case-1'): Promise<Found> {
    const page = render('pages/case/index');
    page.instance.onLoad({ id });
    await settle();
    return page;
  }

  it('shows the status, case number, kind, category, description, place and who it reached', async () => {
    const calls = serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              status: 'answered',
              statusLabel: '已答复',
              location: { latitude: 26.08, longitude: 119.3, name: '东街口' },
              station: { id: 'station-1', name: '东街街道代表之家' },
            }),
          ),
      },
    });

    const page = await open('case-1');

    const text = textOf(page);
    expect(calls).toEqual([{ name: 'resident', action: 'caseDetail', data: { caseId: 'case-1' } }]);
    expect(text).toContain('已答复');
    expect(text).toContain('20261121-4821-3095');
    expect(text).toContain('投诉 · 环境卫生');
    expect(text).toContain('小区门口垃圾三天没人清运，气味很大。');
    expect(text).toContain('地点：东街口');
    expect(text).toContain('王建国 · 东街街道代表之家');
  });

  it('shows the timeline with China-local times, actors and notes', async () => {
    serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              timeline: [
                timelineEntry(),
                timelineEntry({
                  seq: 2,
                  type: 'replied',
                  label: '代表答复',
                  at: AT + 3600_000,
                  actorName: '王建国',
                  note: '已联系环卫所，明天上午清运。',
                  status: 'answered',
                }),
              ],
            }),
          ),
      },
    });

    const page = await open();

    const timeline = textOf(page.querySelector('.timeline') as Found);
    expect(timeline).toContain('提交诉求');
    expect(timeline).toContain('2026-11-21 10:30');
    expect(timeline).toContain('代表答复');
    expect(timeline).toContain('2026-11-21 11:30');
    expect(timeline).toContain('王建国');
    expect(timeline).toContain('已联系环卫所，明天上午清运。');
  });

  it('shows the photos, opens the viewer on a tap, and keeps a place for one that cannot be shown', async () => {
    serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              photos: [
                { fileID: 'cloud://a', url: 'https://files/a.jpg' },
                { fileID: 'cloud://gone', url: null },
                { fileID: 'cloud://b', url: 'https://files/b.jpg' },
              ],
            }),
          ),
      },
    });
    const page = await open();

    const cells = page.querySelectorAll('.photos >>> .photo-grid__cell');
    expect(cells).toHaveLength(3);
    expect(page.querySelectorAll('.photos >>> .photo-grid__image').map((image) => image.data.src)).toEqual([
      'https://files/a.jpg',
      'https://files/b.jpg',
    ]);
    expect(textOf(cells[1])).toBe('图片无法显示');

    await tap(cells[2]);

    expect(wxMock.previewImage).toHaveBeenCalledWith({
      current: 'https://files/b.jpg',
      urls: ['https://files/a.jpg', 'https://files/b.jpg'],
    });
  });

  it("shows the function's message when the case is not the resident's, without 重试", async () => {
    serveFunctions(wxMock, { resident: { caseDetail: () => fail('NOT_FOUND', '没有找到这条诉求') } });

    const page = await open();

    expect(textOf(page)).toContain('没有找到这条诉求');
    expect(textOf(page)).not.toContain('重试');
  });
});
