import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { declaredTimers } from '../../stack/project';

/**
 * The README's 部署清单 tells the administrator which private APIs to declare in 用户隐私保护指引. An API
 * the code calls but the guide does not declare is disabled in the released app; so the table must
 * list exactly the private APIs the mini-program calls, under the type WeChat files them under.
 */

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** WeChat's private APIs (小程序用户隐私保护指引内容介绍), by the information type the guide lists. */
const PRIVATE_APIS: Record<string, string> = {
  getUserProfile: '用户信息（微信昵称、头像）',
  getUserInfo: '用户信息（微信昵称、头像）',
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  chooseLocation: '位置信息',
  choosePoi: '位置信息',
  startLocationUpdate: '位置信息',
  startLocationUpdateBackground: '位置信息',
  onLocationChange: '位置信息',
  chooseAddress: '地址',
  chooseInvoice: '发票信息',
  chooseInvoiceTitle: '发票信息',
  getWeRunData: '微信运动步数',
  chooseLicensePlate: '车牌号',
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  startRecord: '麦克风',
  getRecorderManager: '麦克风',
  joinVoIPChat: '麦克风',
  createCameraContext: '摄像头',
  createVKSession: '摄像头',
  openBluetoothAdapter: '蓝牙',
  createBLEPeripheralServer: '蓝牙',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
  saveVideoToPhotosAlbum: '相册（仅写入）权限',
  addPhoneContact: '通讯录（仅写入）权限',
  addPhoneRepeatCalendar: '日历（仅写入）权限',
  addPhoneCalendar: '日历（仅写入）权限',
  setClipboardData: '剪切板',
  getClipboardData: '剪切板',
};

/** Components and button open-types that are private too. */
const PRIVATE_MARKUP =
  /open-type="(getPhoneNumber|getRealtimePhoneNumber|chooseAvatar|getUserInfo)"|type="nickname"|<camera\b|<live-pusher\b|<voip-room\b/;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'miniprogram_npm' ? [] : files(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

const miniprogram = join(ROOT, 'miniprogram');
const called = new Set(
  files(miniprogram, '.ts').flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bwx\.([A-Za-z]+)\s*\(/g)].map((match) => match[1]),
  ),
);
const usedPrivate = [...called].filter((api) => api in PRIVATE_APIS).sort();

/** The rows of the 部署清单's privacy table: information type → API. */
const declared = new Map(
  [...README.matchAll(/^\s*\|\s*([^|]+?)\s*\|\s*`wx\.([A-Za-z]+)`\s*\|/gm)].map((match) => [
    match[2],
    match[1],
  ]),
);

describe('用户隐私保护指引 in the README', () => {
  it('declares exactly the private APIs the mini-program calls', () => {
    expect(usedPrivate.length).toBeGreaterThan(0);
    expect([...declared.keys()].sort()).toEqual(usedPrivate);
  });

  it.each(usedPrivate)('files wx.%s under the information type WeChat lists it under', (api) => {
    expect(declared.get(api)).toBe(PRIVATE_APIS[api]);
  });

  it('has no private component or button to declare besides', () => {
    const markup = files(miniprogram, '.wxml').filter((file) =>
      PRIVATE_MARKUP.test(readFileSync(file, 'utf8')),
    );
    expect(markup.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('names the location API app.json declares in requiredPrivateInfos', () => {
    const app = JSON.parse(readFileSync(join(miniprogram, 'app.json'), 'utf8')) as {
      requiredPrivateInfos?: string[];
    };
    const location = usedPrivate.filter((api) => PRIVATE_APIS[api] === '位置信息');
    expect(app.requiredPrivateInfos?.slice().sort()).toEqual(location);
  });
});

describe('the timers the 部署清单 asks for', () => {
  it('are the triggers cloudbaserc.json deploys', () => {
    const section = README.slice(README.indexOf('**定时任务**'), README.indexOf('**备案**'));
    const named = [...section.matchAll(/`(\w+)`（/g)].map((match) => match[1]).sort();
    expect(named).toEqual(
      declaredTimers()
        .map((timer) => timer.name)
        .sort(),
    );
  });
});
