import fs from 'node:fs';
import path from 'node:path';
import { ok } from '../../miniprogram/core/result';
import {
  byText,
  installWx,
  isLargeText,
  miniprogramRoot,
  render,
  serveFunctions,
  settle,
  tap,
  textOf,
} from './helpers';
import type { Found, WxMock } from './helpers';
import { caseDetail, deputyLanding, meView } from './mothers';

const isLarge = isLargeText;

describe('长辈版 (large text)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    serveFunctions(wxMock, {
      resident: { me: () => ok(meView([])), caseDetail: () => ok(caseDetail()) },
    });
  });

  async function home(): Promise<Found> {
    const page = render('pages/home/index');
    page.instance.onShow();
    await settle();
    return page;
  }

  it('offers 长辈版 once on a new phone with standard WeChat text, and keeps the choice', async () => {
    const page = await home();
    expect(isLarge(page)).toBe(false);
    expect(textOf(page)).toContain('字太小看不清？可以打开长辈版');

    await tap(byText(page, '.size-bar >>> .size-offer__accept', '打开长辈版'));

    expect(isLarge(page)).toBe(true);
    expect(page.querySelector('.size-bar >>> .size-offer')).toBeUndefined();
    expect(wxMock.storage.get('textSize')).toBe('large');

    const again = await home();
    expect(isLarge(again)).toBe(true);
    expect(again.querySelector('.size-bar >>> .size-offer')).toBeUndefined();
  });

  it('offers 长辈版 on the landing page a scan opens, and the switch is there too', async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding()) } });
    const page = render('pages/landing/index');
    page.instance.onLoad({ type: 'deputy', code: 'D00001' });
    await settle();

    expect(textOf(page)).toContain('王建国');
    await tap(byText(page, '.size-bar >>> .size-offer__accept', '打开长辈版'));

    expect(isLarge(page)).toBe(true);
    expect(textOf(page.querySelector('.size-bar >>> .size-switch') as Found)).toBe('退出长辈版');
  });

  it('does not ask again once declined, and stays standard', async () => {
    const page = await home();
    await tap(byText(page, '.size-bar >>> .size-offer__decline', '不用了'));

    expect(isLarge(page)).toBe(false);
    expect(page.querySelector('.size-bar >>> .size-offer')).toBeUndefined();
    const again = await home();
    expect(isLarge(again)).toBe(false);
    expect(again.querySelector('.size-bar >>> .size-offer')).toBeUndefined();
  });

  it.each([
    ['关怀模式 (scale 1.4)', { fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8 }],
    ['two steps larger (scale 1.25)', { fontSizeScaleFactor: 1.25, fontSizeSetting: 21 }],
    ['an old client answering only 24 px', { fontSizeSetting: 24 }],
  ])('opens in 长辈版 by itself when WeChat text is large: %s', async (_name, info) => {
    wxMock.getAppBaseInfo.mockReturnValue(info);

    const page = await home();

    expect(isLarge(page)).toBe(true);
    expect(textOf(page)).toContain('您的微信字体较大，已为您打开长辈版');
  });

  it('stays standard when WeChat text is only one step larger', async () => {
    wxMock.getAppBaseInfo.mockReturnValue({ fontSizeScaleFactor: 1.1, fontSizeSetting: 18 });

    expect(isLarge(await home())).toBe(false);
  });

  it("lets a person with large WeChat text choose 标准版, which then wins over WeChat's size", async () => {
    wxMock.getAppBaseInfo.mockReturnValue({ fontSizeScaleFactor: 1.4 });
    const page = await home();

    await tap(byText(page, '.size-bar >>> .size-offer__decline', '用标准版'));

    expect(isLarge(page)).toBe(false);
    const again = await home();
    expect(isLarge(again)).toBe(false);
    expect(again.querySelector('.size-bar >>> .size-offer')).toBeUndefined();
  });

  it('switches both ways from the visible 长辈版 entry, and every resident page follows', async () => {
    const page = await home();
    const entry = page.querySelector('.size-bar >>> .size-switch') as Found;
    expect(textOf(entry)).toBe('长辈版');

    await tap(entry);
    expect(isLarge(page)).toBe(true);
    expect(textOf(entry)).toBe('退出长辈版');

    for (const resident of ['landing', 'submit', 'my-cases', 'case', 'my-data']) {
      expect([resident, isLarge(render(`pages/${resident}/index`))]).toEqual([resident, true]);
    }

    await tap(entry);
    expect(isLarge(page)).toBe(false);
    expect(isLarge(render('pages/case/index'))).toBe(false);
  });

  it("opens the deputy's pages, 办理工作台 and 绑定身份 in 长辈版 too once it is chosen", async () => {
    const pages = [
      'bind',
      'deputy/inbox',
      'deputy/case',
      'deputy/enter',
      'deputy/my-code',
      'deputy/record',
      'deputy/duties',
      'deputy/suggestions',
      'deputy/suggestion-edit',
      'casework/queue',
    ];
    const large = (name: string) => [name, isLarge(render(`pages/${name}/index`))];
    expect(pages.map(large)).toEqual(pages.map((name) => [name, false]));

    await tap(byText(await home(), '.size-bar >>> .size-switch', '长辈版'));

    expect(pages.map(large)).toEqual(pages.map((name) => [name, true]));
  });

  it('changes the size of a page already open when the person switches on another', async () => {
    const below = render('pages/my-cases/index');
    expect(isLarge(below)).toBe(false);
    wxMock.storage.set('textSize', 'large');

    // j-component has it, its typings lack it: WeChat showing the page again (after navigateBack).
    (below as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');
    await settle();

    expect(isLarge(below)).toBe(true);
  });
});

/** The sizes app.wxss gives the variables, for the standard page and for `.large-text`. */
function variables(block: 'page' | '.large-text'): Record<string, number> {
  const css = fs.readFileSync(path.join(miniprogramRoot, 'app.wxss'), 'utf8');
  const body = new RegExp(`^${block.replace('.', '\\.')} \\{([^}]*)\\}`, 'm').exec(css)?.[1] ?? '';
  return Object.fromEntries(
    [...body.matchAll(/(--[a-z-]+):\s*([\d.]+)(rpx)?;/g)].map((match) => [match[1], Number(match[2])]),
  );
}

describe('the sizes 长辈版 and the standard look are written with', () => {
  it('meet the MIIT 适老化 floors in 长辈版: text 36rpx, main tap targets 120rpx, line height 1.3', () => {
    const large = variables('.large-text');

    for (const font of ['--font-secondary', '--font-body', '--font-title', '--font-heading']) {
      expect([font, large[font]]).toEqual([font, expect.any(Number)]);
      expect(large[font]).toBeGreaterThanOrEqual(36);
    }
    expect(large['--tap-main']).toBeGreaterThanOrEqual(120);
    expect(large['--tap-min']).toBeGreaterThanOrEqual(120);
    expect(large['--line-height']).toBeGreaterThanOrEqual(1.3);
  });

  it('keep the standard look at 28rpx text, 32rpx body and 88rpx tap targets at least', () => {
    const standard = variables('page');

    expect(standard['--font-secondary']).toBeGreaterThanOrEqual(28);
    expect(standard['--font-body']).toBeGreaterThanOrEqual(32);
    expect(standard['--tap-min']).toBeGreaterThanOrEqual(88);
    expect(standard['--line-height']).toBeGreaterThanOrEqual(1.3);
  });
});
