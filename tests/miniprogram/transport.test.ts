import { createTransport } from '../../miniprogram/services';
import {
  BAD_RESPONSE,
  cloudTransport,
  HTTP_FAILED,
  localTransport,
  NETWORK_FAILED,
} from '../../miniprogram/services/transport';
import { installWx, serveRequests } from './helpers';
import type { SentRequest, WxMock } from './helpers';

const BASE_URL = 'http://127.0.0.1:3000';
const OPENID = 'resident-1';

let wxMock: WxMock;
beforeEach(() => {
  wxMock = installWx();
});

/** Makes wx.uploadFile / wx.cloud.uploadFile hand back a task whose progress the test can drive. */
function uploadTask() {
  const task = {
    progress: (_percent: number): void => undefined,
    onProgressUpdate: jest.fn((listener: (update: { progress: number }) => void) => {
      task.progress = (percent) => listener({ progress: percent });
    }),
  };
  return task;
}

describe('local transport', () => {
  it('calls a function as the configured WeChat user and answers its result', async () => {
    const sent: SentRequest[] = [];
    serveRequests(wxMock, (request) => {
      sent.push(request);
      return { data: { result: { ok: true, data: { caseNo: 'A-1' } } } };
    });

    const answer = await localTransport(BASE_URL, OPENID).callFunction('resident', { action: 'submit' });

    expect(answer).toEqual({ ok: true, data: { caseNo: 'A-1' } });
    expect(sent).toEqual([
      {
        url: `${BASE_URL}/wx/callFunction`,
        method: 'POST',
        header: expect.objectContaining({ 'X-WX-OPENID': OPENID }),
        data: { name: 'resident', data: { action: 'submit' } },
      },
    ]);
  });

  it('answers null for a function that returns nothing, as the stack sends it', async () => {
    serveRequests(wxMock, () => ({ data: { result: null, errMsg: 'cloud.callFunction:ok' } }));

    await expect(localTransport(BASE_URL, OPENID).callFunction('timer', {})).resolves.toBeNull();
  });

  it("rejects with the server's errCode and errMsg", async () => {
    serveRequests(wxMock, () => ({
      statusCode: 404,
      data: { errCode: -501000, errMsg: 'FunctionName parameter could not be found' },
    }));

    await expect(localTransport(BASE_URL, OPENID).callFunction('nope', {})).rejects.toMatchObject({
      errCode: -501000,
      errMsg: 'FunctionName parameter could not be found',
    });
  });

  it('rejects when the stack cannot be reached or answers no error body', async () => {
    const transport = localTransport(BASE_URL, OPENID);

    serveRequests(wxMock, () => ({ fail: 'timeout' }));
    await expect(transport.callFunction('resident', {})).rejects.toMatchObject({
      errCode: NETWORK_FAILED,
      errMsg: 'request:fail timeout',
    });

    serveRequests(wxMock, () => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    await expect(transport.callFunction('resident', {})).rejects.toMatchObject({
      errCode: HTTP_FAILED,
      errMsg: 'HTTP 502',
    });

    serveRequests(wxMock, () => ({ data: 'not json' }));
    await expect(transport.callFunction('resident', {})).rejects.toMatchObject({ errCode: BAD_RESPONSE });
  });

  it('tolerates a trailing slash in the base URL', async () => {
    const urls: string[] = [];
    serveRequests(wxMock, ({ url }) => {
      urls.push(url);
      return { data: { result: null } };
    });

    await localTransport(`${BASE_URL}/`, OPENID).callFunction('resident', {});

    expect(urls).toEqual([`${BASE_URL}/wx/callFunction`]);
  });

  it('uploads a photo as multipart field `file` with its cloud path, reporting progress', async () => {
    const task = uploadTask();
    let options: WechatMiniprogram.UploadFileOption | undefined;
    wxMock.uploadFile.mockImplementation((given) => {
      options = given;
      return task;
    });
    const progress: number[] = [];

    const uploading = localTransport(BASE_URL, OPENID).uploadFile({
      cloudPath: 'appeals/a.jpg',
      filePath: 'wxfile://tmp/a.jpg',
      onProgress: (percent) => progress.push(percent),
    });
    task.progress(40);
    task.progress(100);
    options?.success?.({
      statusCode: 200,
      data: '{"fileID":"cloud://local/appeals/a.jpg"}',
      errMsg: 'uploadFile:ok',
    } as WechatMiniprogram.UploadFileSuccessCallbackResult);

    await expect(uploading).resolves.toEqual({ fileID: 'cloud://local/appeals/a.jpg' });
    expect(progress).toEqual([40, 100]);
    expect(options).toMatchObject({
      url: `${BASE_URL}/wx/uploadFile`,
      filePath: 'wxfile://tmp/a.jpg',
      name: 'file',
      formData: { cloudPath: 'appeals/a.jpg' },
      header: { 'X-WX-OPENID': OPENID },
    });
  });

  it("rejects an upload the stack refuses, with the stack's error", async () => {
    wxMock.uploadFile.mockImplementation((options) => {
      options.success?.({
        statusCode: 413,
        data: '{"errCode":"FILE.TOO_LARGE","errMsg":"文件过大"}',
        errMsg: 'uploadFile:ok',
      } as WechatMiniprogram.UploadFileSuccessCallbackResult);
      return uploadTask();
    });

    await expect(
      localTransport(BASE_URL, OPENID).uploadFile({ cloudPath: 'a.jpg', filePath: 'wxfile://tmp/a.jpg' }),
    ).rejects.toMatchObject({ errCode: 'FILE.TOO_LARGE', errMsg: '文件过大' });
  });

  it('asks for temporary URLs and leaves unservable files without one', async () => {
    const sent: SentRequest[] = [];
    serveRequests(wxMock, (request) => {
      sent.push(request);
      return {
        data: {
          fileList: [
            { fileID: 'cloud://local/a.jpg', tempFileURL: `${BASE_URL}/files/a.jpg`, status: 0 },
            // A URL beside a failure status is not to be trusted.
            { fileID: 'cloud://local/gone.jpg', tempFileURL: `${BASE_URL}/files/gone.jpg`, status: -1 },
          ],
        },
      };
    });

    const urls = await localTransport(BASE_URL, OPENID).getTempFileURL([
      'cloud://local/a.jpg',
      'cloud://local/gone.jpg',
    ]);

    expect(urls).toEqual([
      { fileID: 'cloud://local/a.jpg', tempFileURL: `${BASE_URL}/files/a.jpg` },
      { fileID: 'cloud://local/gone.jpg', tempFileURL: '' },
    ]);
    expect(sent[0]).toMatchObject({
      url: `${BASE_URL}/wx/getTempFileURL`,
      header: { 'X-WX-OPENID': OPENID },
      data: { fileList: ['cloud://local/a.jpg', 'cloud://local/gone.jpg'] },
    });
  });
});

describe('cloud transport', () => {
  it('initialises wx.cloud with the environment and answers the function result', async () => {
    wxMock.cloud.callFunction.mockResolvedValue({
      result: { ok: true, data: 1 },
      errMsg: 'cloud.callFunction:ok',
    });

    const transport = cloudTransport('env-prod');
    const answer = await transport.callFunction('resident', { action: 'submit' });

    expect(wxMock.cloud.init).toHaveBeenCalledWith(expect.objectContaining({ env: 'env-prod' }));
    expect(wxMock.cloud.callFunction).toHaveBeenCalledWith({ name: 'resident', data: { action: 'submit' } });
    expect(answer).toEqual({ ok: true, data: 1 });
  });

  it("rejects with wx.cloud's errCode and errMsg", async () => {
    wxMock.cloud.callFunction.mockRejectedValue(
      Object.assign(new Error('cloud.callFunction:fail'), {
        errCode: -404011,
        errMsg: 'cloud.callFunction:fail',
      }),
    );

    await expect(cloudTransport('env-prod').callFunction('resident', {})).rejects.toMatchObject({
      errCode: -404011,
      errMsg: 'cloud.callFunction:fail',
    });
  });

  it('uploads through wx.cloud, reporting progress', async () => {
    const task = uploadTask();
    let options: ICloud.UploadFileParam | undefined;
    wxMock.cloud.uploadFile.mockImplementation((given) => {
      options = given;
      return task;
    });
    const progress: number[] = [];

    const uploading = cloudTransport('env-prod').uploadFile({
      cloudPath: 'appeals/a.jpg',
      filePath: 'wxfile://tmp/a.jpg',
      onProgress: (percent) => progress.push(percent),
    });
    task.progress(55);
    options?.success?.({ fileID: 'cloud://env-prod.bucket/appeals/a.jpg', statusCode: 204, errMsg: 'ok' });

    await expect(uploading).resolves.toEqual({ fileID: 'cloud://env-prod.bucket/appeals/a.jpg' });
    expect(progress).toEqual([55]);
    expect(options).toMatchObject({ cloudPath: 'appeals/a.jpg', filePath: 'wxfile://tmp/a.jpg' });
  });

  it('answers temporary URLs, empty for files that cannot be served', async () => {
    wxMock.cloud.getTempFileURL.mockResolvedValue({
      fileList: [
        { fileID: 'cloud://a', tempFileURL: 'https://tcb/a', maxAge: 7200, status: 0, errMsg: 'ok' },
        { fileID: 'cloud://b', tempFileURL: '', maxAge: 0, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' },
      ],
      errMsg: 'ok',
    });

    await expect(cloudTransport('env-prod').getTempFileURL(['cloud://a', 'cloud://b'])).resolves.toEqual([
      { fileID: 'cloud://a', tempFileURL: 'https://tcb/a' },
      { fileID: 'cloud://b', tempFileURL: '' },
    ]);
  });
});

describe('createTransport', () => {
  const settings = { envId: 'env-prod', localBaseUrl: BASE_URL, devOpenid: 'dev-resident-openid' };

  it('talks to the local stack over HTTP when configured local', async () => {
    serveRequests(wxMock, () => ({ data: { result: 'pong' } }));

    await expect(createTransport({ ...settings, transport: 'local' }).callFunction('ping', {})).resolves.toBe(
      'pong',
    );
    expect(wxMock.request).toHaveBeenCalled();
    expect(wxMock.cloud.init).not.toHaveBeenCalled();
  });

  it('talks to CloudBase when configured cloud', async () => {
    wxMock.cloud.callFunction.mockResolvedValue({ result: 'pong', errMsg: 'ok' });

    await expect(createTransport({ ...settings, transport: 'cloud' }).callFunction('ping', {})).resolves.toBe(
      'pong',
    );
    expect(wxMock.cloud.init).toHaveBeenCalledWith(expect.objectContaining({ env: 'env-prod' }));
    expect(wxMock.request).not.toHaveBeenCalled();
  });
});
