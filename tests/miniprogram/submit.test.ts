import { TEMPLATES } from '../../miniprogram/core/notifications';
import { draftKey } from '../../miniprogram/pages/submit/draft';
import { fail, ok, type Result } from '../../miniprogram/core/result';
import type { SubmitResult } from '../../miniprogram/core/api';
import { rememberVisit } from '../../miniprogram/utils/visit';
import {
  byText,
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
import type { Answer, Found, FunctionCall, Rendered, WxMock } from './helpers';
import { deputyLanding, OPENID, submitResult } from './mothers';

const TARGET = { type: 'deputy', code: 'D00001' } as const;
const DESCRIPTION = '小区门口垃圾三天没人清运，气味很大。';

describe('submit page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    // What the landing page leaves behind for the form.
    rememberVisit(deputyLanding());
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function open(): Promise<Rendered> {
    const page = render('pages/submit/index');
    page.instance.onLoad({ type: TARGET.type, code: TARGET.code });
    await settle();
    return page;
  }

  /** Serves `resident.submit` with the given answers in turn (the last one repeats). */
  function serveSubmit(
    ...answers: Array<Answer<SubmitResult> | Promise<Answer<SubmitResult>>>
  ): FunctionCall[] {
    let next = 0;
    return serveFunctions(wxMock, {
      resident: {
        submit: () => answers[Math.min(next++, answers.length - 1)],
        landing: () => ok(deputyLanding()),
      },
    });
  }

  const submits = (calls: FunctionCall[]) => calls.filter((call) => call.action === 'submit');
  const errorText = (page: Found, field: string) =>
    (page.querySelector(`.error-${field}`)?.dom?.textContent ?? '').trim();
  const counter = (page: Found) => page.querySelector('.counter')?.dom?.textContent?.trim();

  async function fillValid(page: Found) {
    await tap(byText(page, '.kind', '投诉'));
    page.querySelector('.category-picker')?.dispatchEvent('change', { detail: { value: 1 } });
    await type(page.querySelector('.description'), DESCRIPTION);
    page.querySelector('.consent')?.dispatchEvent('change', { detail: { value: ['agree'] } });
    await settle();
  }

  const submit = (page: Found) => tap(page.querySelector('.submit'));

  it('shows who the appeal goes to and the categories of the code scanned', async () => {
    const page = await open();

    expect(textOf(page)).toContain('王建国');
    expect(page.data.categories.map((category: { name: string }) => category.name)).toEqual([
      '道路交通',
      '环境卫生',
      '停车',
    ]);
  });

  it('fetches the target once when opened without the landing page', async () => {
    wxMock.storage.clear();
    const calls = serveSubmit(ok(submitResult()));

    const page = await open();

    expect(calls.map((call) => call.action)).toEqual(['landing']);
    expect(calls[0].data).toEqual(TARGET);
    expect(textOf(page)).toContain('王建国');
  });

  describe('checks the form before sending anything', () => {
    it('shows each problem beside its field', async () => {
      const calls = serveSubmit(ok(submitResult()));
      const page = await open();

      await submit(page);

      expect(errorText(page, 'kind')).toBe('请选择诉求类型');
      expect(errorText(page, 'category')).toBe('请选择问题分类');
      expect(errorText(page, 'description')).toBe('请描述具体情况，至少 5 个字');
      expect(errorText(page, 'consent')).toBe('请阅读并同意个人信息保护说明');
      expect(textOf(page)).toContain('请按提示修改后再提交');
      expect(submits(calls)).toEqual([]);
      expect(wxMock.requestSubscribeMessage).not.toHaveBeenCalled();
    });

    it('lists every problem at the top, in the order of the form, and scrolls there', async () => {
      serveSubmit(ok(submitResult()));
      const page = await open();

      await submit(page);

      const summary = page.querySelector('.error-summary') as Found;
      expect(textOf(summary)).toBe(
        '还有 4 处要修改，改好后才能提交： ' +
          '诉求类型：请选择诉求类型 问题分类：请选择问题分类 ' +
          '具体情况：请描述具体情况，至少 5 个字 个人信息保护说明：请阅读并同意个人信息保护说明',
      );
      expect(wxMock.pageScrollTo).toHaveBeenCalledWith(
        expect.objectContaining({ selector: '#error-summary' }),
      );

      await tap(byText(page, '.error-summary__item', '具体情况'));

      expect(wxMock.pageScrollTo).toHaveBeenLastCalledWith(
        expect.objectContaining({ selector: '#field-description' }),
      );
      expect(page.querySelector('#field-description')).toBeTruthy();
    });

    it('shortens the summary as problems are put right, and drops it when none is left', async () => {
      serveSubmit(ok(submitResult()));
      const page = await open();
      await submit(page);

      await fillValid(page);

      expect(page.querySelector('.error-summary')).toBeUndefined();
    });

    it('shows no summary before 提交 is tapped', async () => {
      const page = await open();

      await type(page.querySelector('.description'), '灯');

      expect(page.querySelector('.error-summary')).toBeUndefined();
      expect(wxMock.pageScrollTo).not.toHaveBeenCalled();
    });

    it('brings up the number keyboard for the phone number', async () => {
      const page = await open();

      expect(page.querySelector('.phone')?.data.type).toBe('number');
    });

    it('counts characters as they are typed and says when the description is too long', async () => {
      const page = await open();

      await type(page.querySelector('.description'), '路灯坏了');
      expect(counter(page)).toBe('4/500');
      expect(errorText(page, 'description')).toBe('');

      await type(page.querySelector('.description'), '灯'.repeat(501));
      expect(counter(page)).toBe('501/500');
      expect(errorText(page, 'description')).toBe('描述最多 500 个字，当前 501 个字');
    });

    it('refuses a wrong phone number', async () => {
      const calls = serveSubmit(ok(submitResult()));
      const page = await open();
      await fillValid(page);

      await type(page.querySelector('.phone'), '12345');
      await submit(page);

      expect(errorText(page, 'phone')).toBe('请填写正确的手机号或带区号的固定电话');
      expect(submits(calls)).toEqual([]);
    });

    it('requires consent to the privacy notice', async () => {
      const calls = serveSubmit(ok(submitResult()));
      const page = await open();
      await fillValid(page);

      page.querySelector('.consent')?.dispatchEvent('change', { detail: { value: [] } });
      await settle();
      await submit(page);

      expect(errorText(page, 'consent')).toBe('请阅读并同意个人信息保护说明');
      expect(submits(calls)).toEqual([]);
    });

    it('clears a message as soon as the field is put right', async () => {
      const page = await open();
      await submit(page);
      expect(errorText(page, 'description')).not.toBe('');

      await type(page.querySelector('.description'), DESCRIPTION);

      expect(errorText(page, 'description')).toBe('');
    });
  });

  it('asks apart, and never requires, the consent to publish the outcome (五公开)', async () => {
    const calls = serveSubmit(ok(submitResult()));
    const page = await open();
    await fillValid(page);
    expect(textOf(page.querySelector('#field-publishConsent') as Found)).toContain('照片不公开');

    page.querySelectorAll('.consent')[1]?.dispatchEvent('change', { detail: { value: ['agree'] } });
    await settle();
    await submit(page);

    expect(submits(calls)[0].data).toMatchObject({ consent: true, publishConsent: true });
  });

  it('submits the form, asking for notification consent first, and shows the case number', async () => {
    const calls = serveSubmit(ok(submitResult({ caseNo: '20261121-4821-3095' })));
    const page = await open();
    await fillValid(page);

    await submit(page);

    expect(submits(calls)).toHaveLength(1);
    expect(submits(calls)[0].data).toEqual({
      target: TARGET,
      kind: 'complaint',
      category: 'sanitation',
      description: DESCRIPTION,
      photos: [],
      location: null,
      locationConsent: false,
      phone: null,
      contactName: null,
      anonymous: false,
      consent: true,
      publishConsent: false,
      clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/),
    });
    const consentAt = wxMock.requestSubscribeMessage.mock.invocationCallOrder[0];
    const submitAt = wxMock.request.mock.calls.findIndex(
      ([options]) => (options.data as { data?: { action?: string } }).data?.action === 'submit',
    );
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: [TEMPLATES.caseUpdated.id] }),
    );
    expect(consentAt).toBeLessThan(wxMock.request.mock.invocationCallOrder[submitAt]);

    const text = textOf(page);
    expect(text).toContain('已提交');
    expect(text).toContain('20261121-4821-3095');
    expect(wxMock.storage.has(draftKey(TARGET))).toBe(false);

    await tap(byText(page, '.button-primary', '查看进度'));
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/case/index?id=case-1' });
  });

  it('sends exactly one request when 提交 is tapped twice', async () => {
    const answer = deferred<Result<SubmitResult>>();
    const calls = serveSubmit(answer.promise);
    const page = await open();
    await fillValid(page);

    page.querySelector('.submit')?.dispatchEvent('tap');
    page.querySelector('.submit')?.dispatchEvent('tap');
    await settle();

    expect(submits(calls)).toHaveLength(1);
    expect(page.querySelector('.submit')?.dom?.textContent?.trim()).toBe('正在提交…');
    expect(page.querySelector('.submit')?.data.disabled).toBe(true);
    answer.resolve(ok(submitResult()));
    await settle();
    expect(textOf(page)).toContain('20261121-4821-3095');
  });

  it('retries after a network failure with the same clientRequestId', async () => {
    const calls = serveSubmit({ networkError: 'timeout' }, ok(submitResult({ replayed: true })));
    const page = await open();
    await fillValid(page);

    await submit(page);
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await submit(page);

    const [first, second] = submits(calls);
    expect(second.data.clientRequestId).toBe(first.data.clientRequestId);
    expect(textOf(page)).toContain('20261121-4821-3095');
  });

  it("shows the function's field messages beside the fields", async () => {
    serveSubmit(fail('INPUT.INVALID', '请填写正确的手机号', { phone: '请填写正确的手机号' }));
    const page = await open();
    await fillValid(page);

    await submit(page);

    expect(errorText(page, 'phone')).toBe('请填写正确的手机号');
  });

  it('shows why the content or a photo was refused', async () => {
    serveSubmit(
      fail('CONTENT.RISKY', '内容含有不适宜发布的信息，请修改后再提交'),
      fail('PHOTO.INVALID', '照片已失效，请删除后重新上传'),
    );
    const page = await open();
    await fillValid(page);

    await submit(page);
    expect(errorText(page, 'description')).toBe('内容含有不适宜发布的信息，请修改后再提交');
    expect(page.querySelector('.notice')?.dom?.textContent?.trim()).toBe(
      '内容含有不适宜发布的信息，请修改后再提交',
    );

    await submit(page);
    expect(errorText(page, 'photos')).toBe('照片已失效，请删除后重新上传');
  });

  it('keeps a draft and restores it, with the same clientRequestId, when the page is opened again', async () => {
    const calls = serveSubmit({ networkError: 'timeout' }, ok(submitResult()));
    const first = await open();
    await fillValid(first);
    await type(first.querySelector('.phone'), '13812341234');
    await submit(first);
    const firstId = submits(calls)[0].data.clientRequestId;
    first.detach();

    const again = await open();

    expect(again.querySelector('.description')?.data.value).toBe(DESCRIPTION);
    expect(again.querySelector('.phone')?.data.value).toBe('13812341234');
    expect(again.querySelector('.kind.chip--active')?.dom?.textContent?.trim()).toBe('投诉');
    expect(textOf(again)).toContain('环境卫生');
    expect(again.data.form.consent).toBe(true);
    await submit(again);
    expect(submits(calls)[1].data.clientRequestId).toBe(firstId);
  });

  it('gives a new draft a new clientRequestId', async () => {
    const calls = serveSubmit(ok(submitResult()));
    const first = await open();
    await fillValid(first);
    await submit(first);

    const next = await open();
    await fillValid(next);
    await submit(next);

    const [a, b] = submits(calls);
    expect(b.data.clientRequestId).not.toBe(a.data.clientRequestId);
  });

  describe('photos', () => {
    function pickPhotos(...sizes: Array<[number, number]>) {
      wxMock.chooseMedia.mockResolvedValueOnce({
        type: 'image',
        tempFiles: sizes.map((_, i) => ({
          tempFilePath: `wxfile://tmp/pick-${i}.jpg`,
          size: 4_000_000,
          fileType: 'image',
        })),
      } as Partial<WechatMiniprogram.ChooseMediaSuccessCallbackResult>);
      wxMock.getImageInfo.mockImplementation(async ({ src }) => {
        const [width, height] = sizes[Number(/pick-(\d+)/.exec(src)?.[1])];
        return { width, height, orientation: 'up', type: 'jpeg', path: src };
      });
      wxMock.compressImage.mockImplementation(async ({ src }) => ({
        tempFilePath: src.replace('.jpg', '-small.jpg'),
      }));
    }

    it('shrinks each photo to at most 1280 px before uploading it, and sends only file IDs', async () => {
      const uploads = serveUploads(wxMock);
      const calls = serveSubmit(ok(submitResult()));
      const page = await open();
      await fillValid(page);
      pickPhotos([4000, 3000], [3000, 4000], [800, 600]);

      await tap(page.querySelector('.photo-picker >>> .photos__add'));

      expect(wxMock.compressImage).toHaveBeenCalledTimes(2);
      expect(wxMock.compressImage).toHaveBeenCalledWith(
        expect.objectContaining({
          src: 'wxfile://tmp/pick-0.jpg',
          compressedWidth: 1280,
          compressedHeight: 960,
        }),
      );
      expect(wxMock.compressImage).toHaveBeenCalledWith(
        expect.objectContaining({
          src: 'wxfile://tmp/pick-1.jpg',
          compressedWidth: 960,
          compressedHeight: 1280,
        }),
      );
      expect(uploads.map((upload) => upload.filePath)).toEqual([
        'wxfile://tmp/pick-0-small.jpg',
        'wxfile://tmp/pick-1-small.jpg',
        'wxfile://tmp/pick-2.jpg',
      ]);
      for (const upload of uploads) {
        expect(upload.cloudPath).toMatch(new RegExp(`^appeals/${OPENID}/\\d{6}/[A-Za-z0-9]{20}\\.jpg$`));
      }

      await submit(page);
      expect(submits(calls)[0].data.photos).toEqual(
        uploads.map((upload) => `cloud://local.bucket/${upload.cloudPath}`),
      );
    });

    it('shows upload progress while a photo is on its way', async () => {
      const page = await open();
      pickPhotos([800, 600]);
      let progress: (update: { progress: number }) => void = () => undefined;
      wxMock.uploadFile.mockImplementation(
        () =>
          ({
            onProgressUpdate: (listener: (update: { progress: number }) => void) => {
              progress = listener;
            },
          }) as unknown as WechatMiniprogram.UploadTask,
      );

      await tap(page.querySelector('.photo-picker >>> .photos__add'));
      progress({ progress: 35 });
      await settle();

      expect(textOf(page.querySelector('.photo-picker >>> .photo') as Found)).toContain('35%');
    });

    it('refuses a tenth photo with a message', async () => {
      serveUploads(wxMock);
      const page = await open();
      pickPhotos(...Array.from({ length: 9 }, (): [number, number] => [800, 600]));
      await tap(page.querySelector('.photo-picker >>> .photos__add'));
      expect(page.querySelectorAll('.photo-picker >>> .photo')).toHaveLength(9);
      wxMock.chooseMedia.mockClear();

      await tap(page.querySelector('.photo-picker >>> .photos__add'));

      expect(wxMock.chooseMedia).not.toHaveBeenCalled();
      expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '最多上传 9 张照片' }));
      expect(page.querySelectorAll('.photo-picker >>> .photo')).toHaveLength(9);
    });

    it('asks the album for no more photos than there is room for', async () => {
      serveUploads(wxMock);
      const page = await open();
      pickPhotos(...Array.from({ length: 7 }, (): [number, number] => [800, 600]));
      await tap(page.querySelector('.photo-picker >>> .photos__add'));

      pickPhotos([800, 600], [800, 600]);
      await tap(page.querySelector('.photo-picker >>> .photos__add'));

      expect(wxMock.chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ count: 2 }));
    });

    it('lets a failed upload be retried or removed, and does not submit while one is failed', async () => {
      jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      let failing = true;
      const uploads = serveUploads(wxMock, () => failing);
      const calls = serveSubmit(ok(submitResult()));
      const page = await open();
      await fillValid(page);
      pickPhotos([800, 600], [800, 600]);

      await tap(page.querySelector('.photo-picker >>> .photos__add'));
      expect(textOf(page)).toContain('上传失败');
      await submit(page);
      expect(textOf(page)).toContain('有照片没有上传成功，请重试或删除');
      expect(submits(calls)).toEqual([]);

      failing = false;
      await tap(page.querySelectorAll('.photo-picker >>> .photos__retry')[0]);
      await tap(page.querySelectorAll('.photo-picker >>> .photos__remove')[1]);

      expect(textOf(page)).not.toContain('上传失败');
      expect(page.querySelectorAll('.photo-picker >>> .photo')).toHaveLength(1);
      await submit(page);
      expect(submits(calls)[0].data.photos).toEqual([`cloud://local.bucket/${uploads[2].cloudPath}`]);
    });

    it('keeps uploaded photos in the draft', async () => {
      const uploads = serveUploads(wxMock);
      const calls = serveSubmit(ok(submitResult()));
      const first = await open();
      pickPhotos([800, 600]);
      await tap(first.querySelector('.photo-picker >>> .photos__add'));
      first.detach();

      const again = await open();

      expect(again.querySelectorAll('.photo-picker >>> .photo')).toHaveLength(1);
      expect(again.querySelector('.photo-picker >>> .photos__image')?.data.src).toBe(
        'wxfile://tmp/pick-0.jpg',
      );
      await fillValid(again);
      await submit(again);
      expect(submits(calls)[0].data.photos).toEqual([`cloud://local.bucket/${uploads[0].cloudPath}`]);
    });
  });

  it('clears and disables name and phone when anonymous, and says the case can still be followed', async () => {
    const calls = serveSubmit(ok(submitResult()));
    const page = await open();
    await fillValid(page);
    await type(page.querySelector('.phone'), '13812341234');
    await type(page.querySelector('.contact-name'), '张女士');

    page.querySelector('.anonymous')?.dispatchEvent('change', { detail: { value: true } });
    await settle();

    for (const field of ['.phone', '.contact-name']) {
      expect(page.querySelector(field)?.data).toMatchObject({ value: '', disabled: true });
    }
    expect(textOf(page)).toContain('您仍可在「我的反映」中查看进度');
    await submit(page);
    expect(submits(calls)[0].data).toMatchObject({ anonymous: true, phone: null, contactName: null });
  });

  it('asks for the location’s own consent before the picker opens, and sends it with the location', async () => {
    const calls = serveSubmit(ok(submitResult()));
    wxMock.chooseLocation.mockResolvedValue({
      name: '东街口',
      address: '鼓楼区东街',
      latitude: 26.08,
      longitude: 119.3,
    });
    const page = await open();
    await fillValid(page);

    await tap(page.querySelector('.location-choose'));

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '提供位置信息', confirmText: '同意', cancelText: '不同意' }),
    );
    expect(wxMock.showModal.mock.invocationCallOrder[0]).toBeLessThan(
      wxMock.chooseLocation.mock.invocationCallOrder[0],
    );
    expect(textOf(page)).toContain('东街口');
    expect(textOf(page.querySelector('.location-consent') as Found)).toContain('您已单独同意提供此位置');
    await submit(page);
    expect(submits(calls)[0].data).toMatchObject({
      location: { name: '东街口', address: '鼓楼区东街', latitude: 26.08, longitude: 119.3 },
      locationConsent: true,
    });
  });

  it('opens no picker and sends no location when the resident does not agree', async () => {
    const calls = serveSubmit(ok(submitResult()));
    wxMock.showModal.mockResolvedValue({ confirm: false, cancel: true });
    const page = await open();
    await fillValid(page);

    await tap(page.querySelector('.location-choose'));

    expect(wxMock.chooseLocation).not.toHaveBeenCalled();
    await submit(page);
    expect(submits(calls)[0].data).toMatchObject({ location: null, locationConsent: false });
  });

  it('asks again after a removed location: removing it withdrew the consent', async () => {
    wxMock.chooseLocation.mockResolvedValue({
      name: '东街口',
      address: '',
      latitude: 26.08,
      longitude: 119.3,
    });
    const page = await open();
    await tap(page.querySelector('.location-choose'));
    await tap(page.querySelector('.location-remove'));

    await tap(page.querySelector('.location-choose'));

    expect(wxMock.showModal).toHaveBeenCalledTimes(2);
    expect(wxMock.chooseLocation).toHaveBeenCalledTimes(2);
  });

  it('restores a location kept in the draft only with its consent', async () => {
    const location = { name: '东街口', latitude: 26.08, longitude: 119.3 };
    const older = { description: DESCRIPTION, consent: true, location };
    wxMock.storage.set(draftKey(TARGET), { clientRequestId: 'draft-0000000001', form: older, photos: [] });
    expect((await open()).data.form.location).toBeNull();

    const newer = { ...older, locationConsent: true };
    wxMock.storage.set(draftKey(TARGET), { clientRequestId: 'draft-0000000001', form: newer, photos: [] });
    expect((await open()).data.form).toMatchObject({ location, locationConsent: true });
  });

  it('forgets a location the resident removes', async () => {
    const calls = serveSubmit(ok(submitResult()));
    wxMock.chooseLocation.mockResolvedValue({
      name: '东街口',
      address: '',
      latitude: 26.08,
      longitude: 119.3,
    });
    const page = await open();
    await fillValid(page);
    await tap(page.querySelector('.location-choose'));

    await tap(page.querySelector('.location-remove'));

    expect(textOf(page)).not.toContain('东街口');
    await submit(page);
    expect(submits(calls)[0].data.location).toBeNull();
  });

  it('says nothing when the resident closes the location picker', async () => {
    wxMock.chooseLocation.mockRejectedValue({ errMsg: 'chooseLocation:fail cancel' });
    const page = await open();

    await tap(page.querySelector('.location-choose'));

    expect(wxMock.showToast).not.toHaveBeenCalled();
  });
});
