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
 *
 * What the simulator does differently from WeChat, and how the helpers below deal with it:
 * - events are delivered asynchronously: `tap` and `type` dispatch, then `settle`;
 * - selectors match classes and ids only, not tag names, and stop at a child component's boundary
 *   unless joined with `>>>` (`.case >>> .case-card__dot`); pages give their state view class `state`;
 * - when `wx:if`/`wx:else` swap two elements of the same tag at the same place, the simulator may
 *   keep the old element's tap listener on the new one; a tap that must not reach its parent is
 *   bound with `catch:tap` in the page (which is also what WeChat itself should do there).
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../miniprogram/core/api';
import { fail, type Result } from '../../miniprogram/core/result';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', 'miniprogram');

/**
 * simulate registers WeChat's built-in components as bare slots, so what a page binds to them (an
 * image's src, an input's value, a disabled button) is lost. Registered again here with the
 * properties tests read, a found node answers them in `node.data`, e.g.
 * `page.querySelector('.phone')?.data.disabled`.
 */
const BUILT_IN_PROPERTIES: Record<string, Record<string, StringConstructor | BooleanConstructor>> = {
  image: { src: String, mode: String },
  input: { value: String, disabled: Boolean, placeholder: String, type: String },
  textarea: { value: String, disabled: Boolean },
  switch: { checked: Boolean },
  checkbox: { checked: Boolean, value: String },
  button: { disabled: Boolean, loading: Boolean },
};
for (const [name, properties] of Object.entries(BUILT_IN_PROPERTIES)) {
  simulate.load({ id: name, tagName: `wx-${name}`, template: '<slot/>', properties });
}

/**
 * Loads and renders a page or component by its path under miniprogram/, e.g.
 * `render('pages/home/index')`, and attaches it so that its `attached` lifetime runs as in the app.
 */
export function render(componentPath: string, properties?: Record<string, unknown>) {
  return renderAt(path.join(miniprogramRoot, componentPath), { rootPath: miniprogramRoot }, properties);
}

/**
 * Renders a test's own host component from tests/miniprogram/fixtures/ (e.g. `renderFixture('loadable-host')`),
 * for what is shared by pages and has no page of its own. WeChat's compiler only reads the WXML under
 * the mini-program's root, so simulate's own compiler reads the host's (and its children's) instead;
 * its usingComponents name the app's components from that root, as pages do.
 */
export function renderFixture(name: string, properties?: Record<string, unknown>) {
  const hostPath = path.join(__dirname, 'fixtures', name, 'index');
  return renderAt(hostPath, { compiler: 'simulate', rootPath: miniprogramRoot }, properties);
}

function renderAt(
  componentPath: string,
  options: { rootPath: string; compiler?: 'simulate' },
  properties?: Record<string, unknown>,
) {
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(componentPath, options);
  });
  const component = simulate.render(id, properties);
  component.attach(document.createElement('parent-wrapper'));
  return component;
}

/** Lets pending promise callbacks (an awaited wx call inside a handler) run before asserting. */
export const settle = (): Promise<void> => simulate.sleep(0);

type Ok = { errMsg: string };

/** A wx API in its promise form: the app awaits these, and tests say what they resolve to. */
type Promised<Option, Result> = jest.Mock<Promise<Partial<Result>>, [Option]>;

export interface WxMock {
  scanCode: Promised<WechatMiniprogram.ScanCodeOption, WechatMiniprogram.ScanCodeSuccessCallbackResult>;
  showModal: Promised<WechatMiniprogram.ShowModalOption, WechatMiniprogram.ShowModalSuccessCallbackResult>;
  showToast: jest.Mock<Promise<Ok>, [WechatMiniprogram.ShowToastOption]>;
  showLoading: jest.Mock<Promise<Ok>, [WechatMiniprogram.ShowLoadingOption]>;
  hideLoading: jest.Mock<Promise<Ok>, [WechatMiniprogram.HideLoadingOption?]>;
  request: jest.Mock<Partial<WechatMiniprogram.RequestTask>, [WechatMiniprogram.RequestOption]>;
  uploadFile: jest.Mock<Partial<WechatMiniprogram.UploadTask>, [WechatMiniprogram.UploadFileOption]>;
  downloadFile: jest.Mock<Partial<WechatMiniprogram.DownloadTask>, [WechatMiniprogram.DownloadFileOption]>;
  /** Called back, not awaited (services/consent.ts); accepts every template unless a test says otherwise. */
  requestSubscribeMessage: jest.Mock<void, [WechatMiniprogram.RequestSubscribeMessageOption]>;
  chooseMedia: Promised<
    WechatMiniprogram.ChooseMediaOption,
    WechatMiniprogram.ChooseMediaSuccessCallbackResult
  >;
  getImageInfo: Promised<
    WechatMiniprogram.GetImageInfoOption,
    WechatMiniprogram.GetImageInfoSuccessCallbackResult
  >;
  compressImage: Promised<
    WechatMiniprogram.CompressImageOption,
    WechatMiniprogram.CompressImageSuccessCallbackResult
  >;
  chooseLocation: Promised<
    WechatMiniprogram.ChooseLocationOption,
    WechatMiniprogram.ChooseLocationSuccessCallbackResult
  >;
  previewImage: jest.Mock<Promise<Ok>, [WechatMiniprogram.PreviewImageOption]>;
  makePhoneCall: jest.Mock<Promise<Ok>, [WechatMiniprogram.MakePhoneCallOption]>;
  openLocation: jest.Mock<Promise<Ok>, [WechatMiniprogram.OpenLocationOption]>;
  saveImageToPhotosAlbum: jest.Mock<Promise<Ok>, [WechatMiniprogram.SaveImageToPhotosAlbumOption]>;
  openSetting: Promised<
    WechatMiniprogram.OpenSettingOption | undefined,
    WechatMiniprogram.OpenSettingSuccessCallbackResult
  >;
  navigateTo: jest.Mock<Promise<Ok>, [WechatMiniprogram.NavigateToOption]>;
  redirectTo: jest.Mock<Promise<Ok>, [WechatMiniprogram.RedirectToOption]>;
  reLaunch: jest.Mock<Promise<Ok>, [WechatMiniprogram.ReLaunchOption]>;
  navigateBack: jest.Mock<Promise<Ok>, [WechatMiniprogram.NavigateBackOption?]>;
  stopPullDownRefresh: jest.Mock<Promise<Ok>, [WechatMiniprogram.StopPullDownRefreshOption?]>;
  pageScrollTo: jest.Mock<Promise<Ok>, [WechatMiniprogram.PageScrollToOption]>;
  setStorageSync: jest.Mock<void, [string, unknown]>;
  getStorageSync: jest.Mock<unknown, [string]>;
  removeStorageSync: jest.Mock<void, [string]>;
  /** WeChat's text size among the rest: the standard size (scale 1, 17 px) unless a test says otherwise. */
  getAppBaseInfo: jest.Mock<Partial<WechatMiniprogram.AppBaseInfo>, []>;
  cloud: {
    init: jest.Mock<void, [ICloudConfig?]>;
    callFunction: jest.Mock<Promise<Partial<ICloud.CallFunctionResult>>, [ICloud.CallFunctionParam]>;
    uploadFile: jest.Mock<Partial<WechatMiniprogram.UploadTask>, [ICloud.UploadFileParam]>;
    getTempFileURL: jest.Mock<Promise<Partial<ICloud.GetTempFileURLResult>>, [ICloud.GetTempFileURLParam]>;
  };
  /** The phone's local storage behind the *StorageSync mocks; survives re-rendering a page within a test. */
  storage: Map<string, unknown>;
}

/**
 * Puts fresh jest mocks for the APIs the app uses onto the global `wx` (keeping simulate's stand-ins
 * for everything else) and answers them. Feedback, navigation and storage APIs succeed; APIs whose
 * answer matters to a test (scanCode, request, the pickers, cloud) answer nothing until the test says
 * what they answer.
 */
export function installWx(): WxMock {
  const feedback = { errMsg: 'ok' };
  const storage = new Map<string, unknown>();
  // Stored as WeChat stores it: a copy, so a page changing an object afterwards changes nothing stored.
  const copy = (value: unknown): unknown =>
    value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  const mock: WxMock = {
    scanCode: jest.fn(),
    showModal: jest.fn().mockResolvedValue({ ...feedback, confirm: true, cancel: false }),
    showToast: jest.fn().mockResolvedValue(feedback),
    showLoading: jest.fn().mockResolvedValue(feedback),
    hideLoading: jest.fn().mockResolvedValue(feedback),
    request: jest.fn(),
    uploadFile: jest.fn(),
    downloadFile: jest.fn(),
    requestSubscribeMessage: jest.fn((options: WechatMiniprogram.RequestSubscribeMessageOption) => {
      const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of options.tmplIds) answer[id] = 'accept';
      options.success?.(answer as unknown as WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult);
    }),
    chooseMedia: jest.fn(),
    getImageInfo: jest.fn(),
    compressImage: jest.fn(),
    chooseLocation: jest.fn(),
    previewImage: jest.fn().mockResolvedValue(feedback),
    makePhoneCall: jest.fn().mockResolvedValue(feedback),
    openLocation: jest.fn().mockResolvedValue(feedback),
    saveImageToPhotosAlbum: jest.fn().mockResolvedValue(feedback),
    openSetting: jest.fn().mockResolvedValue({ ...feedback, authSetting: {} }),
    navigateTo: jest.fn().mockResolvedValue(feedback),
    redirectTo: jest.fn().mockResolvedValue(feedback),
    reLaunch: jest.fn().mockResolvedValue(feedback),
    navigateBack: jest.fn().mockResolvedValue(feedback),
    stopPullDownRefresh: jest.fn().mockResolvedValue(feedback),
    pageScrollTo: jest.fn().mockResolvedValue(feedback),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage.set(key, copy(value));
    }),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? copy(storage.get(key)) : '')),
    removeStorageSync: jest.fn((key: string) => {
      storage.delete(key);
    }),
    getAppBaseInfo: jest.fn(() => ({ fontSizeScaleFactor: 1, fontSizeSetting: 17 })),
    cloud: { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn(), getTempFileURL: jest.fn() },
    storage,
  };
  const { storage: _storage, ...apis } = mock;
  Object.assign(wx, apis);
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

/** A function's answer as a test gives it: the function's result, or a request that never got one. */
export type Answer<T> = Result<T> | { networkError: string };

/** Answers per function and action, typed by the contract (core/api.ts): a contract change breaks them. */
export type Handlers = {
  [F in FunctionName]?: {
    [A in ActionName<F>]?: (
      data: ActionInput<F, A>,
    ) => Answer<ActionOutput<F, A>> | Promise<Answer<ActionOutput<F, A>>>;
  };
};

export interface FunctionCall {
  name: string;
  action: string;
  data: Record<string, unknown>;
}

type LooseHandler = (data: unknown) => Answer<unknown> | Promise<Answer<unknown>>;

/**
 * Serves the local stack's `/wx/*` endpoints as the app's local transport calls them: function calls
 * are answered by `handlers` (asynchronously, as a network would, and a handler may answer a promise
 * the test resolves later), subscription reports are accepted. Answers the list of function calls
 * made, in order.
 */
export function serveFunctions(mock: WxMock, handlers: Handlers): FunctionCall[] {
  const calls: FunctionCall[] = [];
  mock.request.mockImplementation((options) => {
    const path = new URL(options.url).pathname;
    const succeed = (data: unknown, statusCode = 200) =>
      options.success?.({
        statusCode,
        data: data as WechatMiniprogram.IAnyObject,
        errMsg: 'request:ok',
      } as WechatMiniprogram.RequestSuccessCallbackResult);
    if (path === '/wx/requestSubscribeMessage') {
      void Promise.resolve().then(() => succeed({}));
      return {};
    }
    if (path !== '/wx/callFunction') {
      void Promise.resolve().then(() => succeed({ errCode: 'NOT_FOUND', errMsg: path }, 404));
      return {};
    }
    const body = options.data as { name: string; data: { action: string; data: Record<string, unknown> } };
    const call = { name: body.name, action: body.data.action, data: body.data.data };
    calls.push(call);
    const table = handlers as Record<string, Record<string, LooseHandler> | undefined>;
    const handler = table[call.name]?.[call.action];
    void Promise.resolve(
      handler ? handler(call.data) : fail('ACTION.UNKNOWN', `no answer for ${call.name}.${call.action}`),
    ).then((answer) => {
      if ('networkError' in answer) {
        options.fail?.({
          errMsg: `request:fail ${answer.networkError}`,
        } as WechatMiniprogram.RequestFailCallbackErr);
      } else {
        succeed({ result: answer });
      }
    });
    return {};
  });
  return calls;
}

export interface Upload {
  filePath: string;
  cloudPath: string;
}

/**
 * Serves photo uploads (`/wx/uploadFile`): each reports progress, then answers a file ID made from its
 * cloud path, or fails when `failWhen` says so, or stays on its way at 40% when `holdWhen` says so.
 * Answers the list of uploads made.
 */
export function serveUploads(
  mock: WxMock,
  failWhen: (upload: Upload) => boolean = () => false,
  holdWhen: (upload: Upload) => boolean = () => false,
): Upload[] {
  const uploads: Upload[] = [];
  mock.uploadFile.mockImplementation((options) => {
    const upload = { filePath: options.filePath, cloudPath: String(options.formData?.cloudPath) };
    uploads.push(upload);
    let progress: (update: { progress: number }) => void = () => undefined;
    void Promise.resolve().then(() => {
      progress({ progress: 40 });
      if (holdWhen(upload)) return;
      if (failWhen(upload)) {
        options.fail?.({ errMsg: 'uploadFile:fail timeout' } as WechatMiniprogram.GeneralCallbackResult);
        return;
      }
      progress({ progress: 100 });
      options.success?.({
        statusCode: 200,
        data: JSON.stringify({ fileID: `cloud://local.bucket/${upload.cloudPath}` }),
        errMsg: 'uploadFile:ok',
      } as WechatMiniprogram.UploadFileSuccessCallbackResult);
    });
    return {
      onProgressUpdate: (listener: (update: { progress: number }) => void) => {
        progress = listener;
      },
    } as unknown as Partial<WechatMiniprogram.UploadTask>;
  });
  return uploads;
}

/** A promise the test settles when it chooses, to hold a call in flight. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A rendered page or component. */
export type Rendered = ReturnType<typeof render>;
/** An element or child component found inside a rendered page. */
export type Found = NonNullable<ReturnType<Rendered['querySelector']>>;

/** All the text a person would see, including inside child components. */
export const textOf = (component: Found): string =>
  (component.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The first element matching `selector` whose text contains `text`; throws when there is none. */
export function byText(component: Found, selector: string, text: string): Found {
  const found = component
    .querySelectorAll(selector)
    .find((node) => (node.dom?.textContent ?? '').includes(text));
  if (!found) throw new Error(`no ${selector} with text ${text}`);
  return found;
}

/**
 * Taps and lets the tap's consequences run: j-component delivers events asynchronously, and the
 * handler's awaited calls (answered asynchronously by the fakes above) settle within the same turn.
 */
export async function tap(node: Found | undefined): Promise<void> {
  if (!node) throw new Error('nothing to tap');
  node.dispatchEvent('tap');
  await settle();
}

/** Types into an input or textarea as a person would: the page hears `input` with the new value. */
export async function type(node: Found | undefined, value: string): Promise<void> {
  if (!node) throw new Error('nothing to type into');
  node.dispatchEvent('input', { detail: { value } });
  await settle();
}

/** Taps the button of the page's state view (重试 and the like); pages give their state view class `state`. */
export function tapStateAction(page: Found): Promise<void> {
  return tap(page.querySelector('.state >>> .state-view__action'));
}

/** Whether a page shows in 长辈版: its outermost view carries `large-text` (simulate prefixes class names). */
export const isLargeText = (page: Found): boolean =>
  /(^|\s|--)large-text(\s|$)/.test((page.dom?.firstElementChild?.getAttribute('class') ?? '').trim());
