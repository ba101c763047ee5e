import { fail, ok } from '../../miniprogram/core/result';
import {
  deferred,
  installWx,
  render,
  serveFunctions,
  serveUploads,
  settle,
  tap,
  textOf,
  type,
} from './helpers';
import type { Found, WxMock } from './helpers';
import { OPENID, stationDayView, stationLanding, stationOverviewView, visitView } from './mothers';

describe('station visitor registration', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const OVERVIEW = stationOverviewView({
    plan: {
      from: '2026-11-01',
      to: '2026-11-30',
      days: [stationDayView({ date: '2026-11-10' })],
      ignored: [],
      uncoveredYears: [],
    },
  });

  async function open(date = '2026-11-10'): Promise<Found> {
    const page = render('pages/station/visitor/index');
    page.instance.onLoad({ date });
    await settle();
    await settle();
    return page;
  }

  async function fill(page: Found) {
    page.querySelector('.received-by')?.dispatchEvent('change', { detail: { value: '1' } });
    await settle();
    await type(page.querySelector('.name-input'), '张阿姨');
    await type(page.querySelector('.phone-input'), '13812341234');
    await tap(page.querySelector('.kind-0-suggestion'));
    await tap(page.querySelector('.category-0-road_traffic'));
    await type(page.querySelector('.description-0'), '东街路口红绿灯时间太短');
  }

  /** A second item: a complaint about parking. */
  async function addParkingComplaint(page: Found) {
    await tap(page.querySelector('.add-item'));
    await tap(page.querySelector('.kind-1-complaint'));
    await tap(page.querySelector('.category-1-parking'));
    await type(page.querySelector('.description-1'), '小区门口乱停车');
  }

  it('offers the day’s roster, loading the station’s categories by its code', async () => {
    const calls = serveFunctions(wxMock, {
      station: { overview: () => ok(OVERVIEW) },
      resident: { landing: () => ok(stationLanding()) },
    });

    const page = await open();

    expect(calls.map(({ name, action, data }) => ({ name, action, data }))).toEqual([
      { name: 'station', action: 'overview', data: { month: '2026-11' } },
      { name: 'resident', action: 'landing', data: { type: 'station', code: 'S0001' } },
    ]);
    expect(page.data.deputies.map((person: { name: string }) => person.name)).toEqual(['王建国', '李秀兰']);
    expect(textOf(page)).toContain('接待日 2026-11-10');
    expect(page.data.categories.map((category: { name: string }) => category.name)).toEqual([
      '道路交通',
      '环境卫生',
      '停车',
    ]);
  });

  it('shows the common categories as chips and the rest under 更多, not as a wall', async () => {
    const names = ['道路交通', '环境卫生', '物业', '停车', '噪音', '养老服务', '教育', '医疗卫生'];
    const categories = names.map((name, i) => ({ key: `c${i}`, name }));
    serveFunctions(wxMock, {
      station: { overview: () => ok(OVERVIEW) },
      resident: { landing: () => ok(stationLanding({ categories })) },
    });
    const page = await open();
    expect(page.querySelectorAll('.category-chip').map((chip) => textOf(chip))).toEqual(names.slice(0, 6));
    expect(textOf(page.querySelector('.category-0') as Found)).toBe('更多 ›');

    await tap(page.querySelector('.category-0-c3'));
    expect(page.querySelector('.category-0-c3')?.dom?.className).toContain('chip--active');

    // One beyond the chips: chosen under 更多, whose chip then names it.
    page.querySelector('.category-0')?.dispatchEvent('change', { detail: { value: '7' } });
    await settle();
    expect(textOf(page.querySelector('.category-0') as Found)).toBe('医疗卫生 ›');
    expect(page.querySelector('.category-0')?.dom?.className).toContain('chip--active');
    expect(page.querySelector('.category-0-c3')?.dom?.className).not.toContain('chip--active');
    expect(page.querySelector('.phone-input')?.data.type).toBe('number');
  });

  it('falls back to the station’s deputies on a day with no roster', async () => {
    serveFunctions(wxMock, {
      station: {
        overview: () =>
          ok(
            stationOverviewView({
              plan: {
                from: '2026-11-01',
                to: '2026-11-30',
                days: [stationDayView({ date: '2026-11-10', roster: null })],
                ignored: [],
                uncoveredYears: [],
              },
            }),
          ),
      },
      resident: { landing: () => ok(stationLanding()) },
    });

    const page = await open();

    expect(page.data.deputies.map((person: { name: string }) => person.name)).toEqual([
      '王建国',
      '李秀兰',
      '陈志强',
    ]);
  });

  it('checks the form before sending anything', async () => {
    const calls = serveFunctions(wxMock, {
      station: { overview: () => ok(OVERVIEW) },
      resident: { landing: () => ok(stationLanding()) },
    });
    const page = await open();

    await type(page.querySelector('.phone-input'), '12345');
    await tap(page.querySelector('.submit'));

    expect(textOf(page.querySelector('.received-error') as Found)).toBe('请选择接待的代表');
    expect(textOf(page.querySelector('.name-error') as Found)).toContain('请填写来访群众姓名');
    expect(textOf(page.querySelector('.phone-error') as Found)).toBe('请填写正确的手机号或固定电话');
    expect(textOf(page.querySelector('.items-error') as Found)).toContain('请为每项诉求');
    expect(calls.some((call) => call.action === 'registerVisitor')).toBe(false);
  });

  it('registers once on a double tap and shows the case numbers created', async () => {
    const answer = deferred<ReturnType<typeof ok<ReturnType<typeof visitView>>>>();
    const calls = serveFunctions(wxMock, {
      station: { overview: () => ok(OVERVIEW), registerVisitor: () => answer.promise },
      resident: { landing: () => ok(stationLanding()) },
    });
    const page = await open();
    await fill(page);
    await addParkingComplaint(page);

    await tap(page.querySelector('.submit'));
    await tap(page.querySelector('.submit'));
    answer.resolve(
      ok(
        visitView({
          receivedBy: { id: 'deputy-2', name: '李秀兰' },
          cases: [
            { caseId: 'c1', caseNo: '20261110-0001-0001', kind: 'suggestion', categoryName: '道路交通' },
            { caseId: 'c2', caseNo: '20261110-0001-0002', kind: 'complaint', categoryName: '停车' },
          ],
        }),
      ),
    );
    await settle();

    const sent = calls.filter((call) => call.action === 'registerVisitor');
    expect(sent).toHaveLength(1);
    const { clientRequestId, ...input } = sent[0].data;
    expect(input).toEqual({
      date: '2026-11-10',
      receivedBy: 'deputy-2',
      visitorName: '张阿姨',
      anonymous: false,
      phone: '13812341234',
      items: [
        { kind: 'suggestion', category: 'road_traffic', description: '东街路口红绿灯时间太短', photos: [] },
        { kind: 'complaint', category: 'parking', description: '小区门口乱停车', photos: [] },
      ],
      answeredOnSpot: false,
      answer: null,
    });
    expect(String(clientRequestId)).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(textOf(page.querySelector('.result') as Found)).toContain('登记成功');
    expect(textOf(page.querySelector('.result') as Found)).toContain('20261110-0001-0001');
    expect(textOf(page.querySelector('.result') as Found)).toContain('20261110-0001-0002');
  });

  it('retries with the same clientRequestId after a failure, and starts a new one for the next visitor', async () => {
    let failing = true;
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(OVERVIEW),
        registerVisitor: () => (failing ? { networkError: 'timeout' } : ok(visitView())),
      },
      resident: { landing: () => ok(stationLanding()) },
    });
    const page = await open();
    await fill(page);

    await tap(page.querySelector('.submit'));
    expect(textOf(page.querySelector('.form-error') as Found)).toBe('网络不太好，请稍后重试');
    failing = false;
    await tap(page.querySelector('.submit'));
    await tap(page.querySelector('.next'));
    await fill(page);
    await tap(page.querySelector('.submit'));

    const ids = calls
      .filter((call) => call.action === 'registerVisitor')
      .map((call) => call.data.clientRequestId);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('logs an anonymous question answered on the spot with no items', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(OVERVIEW),
        registerVisitor: () => ok(visitView({ answeredOnSpot: true, cases: [] })),
      },
      resident: { landing: () => ok(stationLanding()) },
    });
    const page = await open();
    page.querySelector('.received-by')?.dispatchEvent('change', { detail: { value: '0' } });
    page.querySelector('.anonymous')?.dispatchEvent('change', { detail: { value: true } });
    page.querySelector('.on-spot')?.dispatchEvent('change', { detail: { value: true } });
    await settle();
    await tap(page.querySelector('.submit'));
    expect(textOf(page.querySelector('.answer-error') as Found)).toBe('请填写当场答复的内容');

    await type(page.querySelector('.answer-input'), '医保报销流程已当场说明');
    await tap(page.querySelector('.submit'));

    const { clientRequestId: _id, ...input } =
      calls.find((call) => call.action === 'registerVisitor')?.data ?? {};
    expect(input).toEqual({
      date: '2026-11-10',
      receivedBy: 'deputy-1',
      visitorName: null,
      anonymous: true,
      phone: null,
      items: [],
      answeredOnSpot: true,
      answer: '医保报销流程已当场说明',
    });
    expect(textOf(page.querySelector('.result') as Found)).toContain('已记为当场答复');
  });

  it('answers a tap anywhere on the 匿名 and 当场答复 rows, not only on the small switch', async () => {
    serveFunctions(wxMock, {
      station: { overview: () => ok(OVERVIEW) },
      resident: { landing: () => ok(stationLanding()) },
    });
    const page = await open();

    // WeChat hands a tap on a <label> to the first switch inside it.
    for (const [row, control] of [
      ['.anonymous-row', '.anonymous'],
      ['.on-spot-row', '.on-spot'],
    ] as const) {
      const label = page.querySelector(row);
      expect(label?.dom?.tagName.toLowerCase()).toBe('wx-label');
      const first = label?.dom?.querySelector('wx-switch');
      expect(first).toBe(page.querySelector(control)?.dom);
    }
  });

  it('shows a load error with 重试', async () => {
    serveFunctions(wxMock, {
      station: { overview: () => fail('INTERNAL', '服务暂时不可用，请稍后再试') },
    });

    const page = await open();

    expect(textOf(page)).toContain('服务暂时不可用');
    expect(page.querySelector('.state >>> .state-view__action')).toBeTruthy();
  });

  describe('desk photos', () => {
    /** The camera hands back one 4000×3000 photo per call. */
    function camera() {
      let shot = 0;
      wxMock.chooseMedia.mockImplementation(
        async () =>
          ({
            type: 'image',
            tempFiles: [
              { tempFilePath: `wxfile://tmp/desk-${(shot += 1)}.jpg`, size: 4_000_000, fileType: 'image' },
            ],
          }) as Partial<WechatMiniprogram.ChooseMediaSuccessCallbackResult>,
      );
      wxMock.getImageInfo.mockResolvedValue({ width: 4000, height: 3000, orientation: 'up' });
      wxMock.compressImage.mockImplementation(async ({ src }) => ({
        tempFilePath: src.replace('.jpg', '-small.jpg'),
      }));
    }

    it('shrinks and uploads each item’s photos under the staff member’s prefix, sending only file IDs', async () => {
      camera();
      const uploads = serveUploads(wxMock);
      const calls = serveFunctions(wxMock, {
        station: { overview: () => ok(OVERVIEW), registerVisitor: () => ok(visitView()) },
        resident: { landing: () => ok(stationLanding()) },
      });
      const page = await open();
      await fill(page);
      await addParkingComplaint(page);

      await tap(page.querySelector('.photos-1 >>> .photos__add'));
      await tap(page.querySelector('.photos-1 >>> .photos__add'));
      await settle();

      expect(wxMock.chooseMedia).toHaveBeenCalledWith(
        expect.objectContaining({ count: 9, sourceType: ['album', 'camera'] }),
      );
      expect(wxMock.compressImage).toHaveBeenCalledWith(
        expect.objectContaining({ compressedWidth: 1280, compressedHeight: 960 }),
      );
      expect(page.querySelectorAll('.photos-0 >>> .photo')).toHaveLength(0);
      expect(page.querySelectorAll('.photos-1 >>> .photo')).toHaveLength(2);
      for (const upload of uploads) expect(upload.cloudPath).toMatch(new RegExp(`^appeals/${OPENID}/`));

      await tap(page.querySelector('.submit'));
      const [sent] = calls.filter((call) => call.action === 'registerVisitor');
      const items = sent.data.items as Array<{ photos: string[] }>;
      expect(items.map((item) => item.photos)).toEqual([
        [],
        uploads.map((upload) => `cloud://local.bucket/${upload.cloudPath}`),
      ]);
    });

    it('registers nothing while a photo failed to upload, and sends it once 重试 succeeds', async () => {
      camera();
      let failing = true;
      const uploads = serveUploads(wxMock, () => failing);
      const calls = serveFunctions(wxMock, {
        station: { overview: () => ok(OVERVIEW), registerVisitor: () => ok(visitView()) },
        resident: { landing: () => ok(stationLanding()) },
      });
      const page = await open();
      await fill(page);
      await tap(page.querySelector('.photos-0 >>> .photos__add'));
      await settle();

      await tap(page.querySelector('.submit'));
      expect(textOf(page.querySelector('.items-error') as Found)).toBe('有照片没有上传成功，请重试或删除');
      expect(calls.some((call) => call.action === 'registerVisitor')).toBe(false);

      failing = false;
      await tap(page.querySelector('.photos-0 >>> .photos__retry'));
      await settle();
      await tap(page.querySelector('.submit'));
      const sent = calls.filter((call) => call.action === 'registerVisitor');
      expect(sent).toHaveLength(1);
      expect((sent[0].data.items as Array<{ photos: string[] }>)[0].photos).toEqual([
        `cloud://local.bucket/${uploads[1].cloudPath}`,
      ]);
    });
  });
});
