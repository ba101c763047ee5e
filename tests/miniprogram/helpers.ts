/**
 * Test helpers for pages and components: load one with miniprogram-simulate and render it, and
 * replace the `wx` APIs the app calls with jest mocks.
 *
 * How TypeScript pages get loaded: `simulate.load(path)` reads the .json, .wxml (compiled with the
 * real wcc) and .wxss itself, then runs the component's code with a bare `require(path)`. Inside jest
 * that `require` is jest's own, so the path without extension resolves to `index.ts` and passes
 * through the project's esbuild transform (tests/jest-transform.js): the TypeScript needs no build step and no temp files.
 * One catch: the component only registers itself while its module body runs (`Component({...})`),
 * and jest's module registry ignores the `delete require.cache[...]` simulate relies on to run it
 * again. `load` therefore runs inside `jest.isolateModules`, so every load executes the page afresh
 * (together with the services it imports, which is why tests mock the `wx` global, not modules).
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', 'miniprogram');

/**
 * Loads and renders a page or component by its path under miniprogram/, e.g.
 * `render('pages/home/index')`, and attaches it so that its `attached` lifetime runs as in the app.
 */
export function render(componentPath: string, properties?: Record<string, unknown>) {
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(path.join(miniprogramRoot, componentPath), { rootPath: miniprogramRoot });
  });
  const component = simulate.render(id, properties);
  component.attach(document.createElement('parent-wrapper'));
  return component;
}

/** Lets pending promise callbacks (an awaited wx call inside a handler) run before asserting. */
export const settle = (): Promise<void> => simulate.sleep(0);

type Ok = { errMsg: string };

export interface WxMock {
  scanCode: jest.Mock<
    Promise<Partial<WechatMiniprogram.ScanCodeSuccessCallbackResult>>,
    [WechatMiniprogram.ScanCodeOption]
  >;
  showModal: jest.Mock<
    Promise<Partial<WechatMiniprogram.ShowModalSuccessCallbackResult>>,
    [WechatMiniprogram.ShowModalOption]
  >;
  showToast: jest.Mock<Promise<Ok>, [WechatMiniprogram.ShowToastOption]>;
  request: jest.Mock<Partial<WechatMiniprogram.RequestTask>, [WechatMiniprogram.RequestOption]>;
  uploadFile: jest.Mock<Partial<WechatMiniprogram.UploadTask>, [WechatMiniprogram.UploadFileOption]>;
  cloud: {
    init: jest.Mock<void, [ICloudConfig?]>;
    callFunction: jest.Mock<Promise<Partial<ICloud.CallFunctionResult>>, [ICloud.CallFunctionParam]>;
    uploadFile: jest.Mock<Partial<WechatMiniprogram.UploadTask>, [ICloud.UploadFileParam]>;
    getTempFileURL: jest.Mock<Promise<Partial<ICloud.GetTempFileURLResult>>, [ICloud.GetTempFileURLParam]>;
  };
}

/**
 * Puts fresh jest mocks for the APIs the app uses onto the global `wx` (keeping simulate's stand-ins
 * for everything else) and answers them. Feedback APIs succeed; APIs whose answer matters to a test
 * (scanCode, request, cloud) answer nothing until the test says what they answer.
 */
export function installWx(): WxMock {
  const feedback = { errMsg: 'ok' };
  const mock: WxMock = {
    scanCode: jest.fn(),
    showModal: jest.fn().mockResolvedValue({ ...feedback, confirm: true, cancel: false }),
    showToast: jest.fn().mockResolvedValue(feedback),
    request: jest.fn(),
    uploadFile: jest.fn(),
    cloud: { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn(), getTempFileURL: jest.fn() },
  };
  Object.assign(wx, mock);
  return mock;
}

export interface FakeResponse {
  statusCode?: number;
  data?: unknown;
}

export interface SentRequest {
  url: string;
  method?: string;
  header: Record<string, unknown>;
  data: unknown;
}

/**
 * Makes `wx.request` answer through `answer`, as a server would: with a status and a parsed body,
 * or with `{ fail: errMsg }` for a request that never reached one.
 */
export function serveRequests(
  mock: WxMock,
  answer: (request: SentRequest) => FakeResponse | { fail: string },
) {
  mock.request.mockImplementation((options) => {
    const response = answer({
      url: options.url,
      method: options.method,
      header: options.header ?? {},
      data: options.data,
    });
    // Only the fields the app reads: the rest of wx's results (cookies, profile…) mean nothing here.
    if ('fail' in response) {
      options.fail?.({ errMsg: `request:fail ${response.fail}` } as WechatMiniprogram.RequestFailCallbackErr);
    } else {
      options.success?.({
        statusCode: response.statusCode ?? 200,
        data: response.data as WechatMiniprogram.IAnyObject,
        errMsg: 'request:ok',
      } as WechatMiniprogram.RequestSuccessCallbackResult);
    }
    return {};
  });
}
