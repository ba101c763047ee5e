import ExcelJS from 'exceljs';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { CHECK_LIMIT, checkGroups } from '../../cloudfunctions/_lib/platform/content';
import { importPrefix } from '../../miniprogram/core/directory';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Every free text a person types and others see goes through WeChat's text check (msgSecCheck v2,
 * by the stack's stand-in): with the typist's OpenID and the scene that fits the field. `risky` is
 * refused naming the field, `review` is accepted and flagged for the people handling the case, and a
 * report of something illegal is a report, not a refusal.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const stored = (caseId: string) => product.stack.store.getById('cases', caseId) as unknown as CaseDoc;
let counter = 0;
const rid = () => `content-check-${++counter}-abcdef`;

/** The text checks made with this content, as WeChat received them. */
async function checksOf(content: string) {
  return (await product.wxCalls('security.msgSecCheck'))
    .filter((c) => c.request.content === content)
    .map((c) => c.request);
}

const RISKY = '低价代开发票加微信';

describe("a resident's submission", () => {
  it('lets a report of illegal activity through: 有人在小区里组织赌博', async () => {
    const description = '有人在小区里组织赌博，每天晚上吵到半夜，希望管一管。';
    const result = await product.call('o-report', 'resident', 'submit', submission({ description }));
    expect(result).toMatchObject({ ok: true });
    expect(await checksOf(description)).toEqual([
      expect.objectContaining({ version: 2, scene: 3, openid: 'o-report' }),
    ]);
  });

  it('checks the description on its own and the contact name with the place in one check', async () => {
    const description = '菜市场门口的排水沟堵了，下雨天积水很深。';
    const before = (await product.wxCalls('security.msgSecCheck')).length;
    await product.ok('o-plain', 'resident', 'submit', submission({ description }));
    const made = (await product.wxCalls('security.msgSecCheck')).slice(before).map((c) => c.request);
    expect(made).toHaveLength(2);
    expect(made).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ content: description, scene: 3, openid: 'o-plain' }),
        expect.objectContaining({ content: '张先生\n三坊七巷南门', scene: 1, openid: 'o-plain' }),
      ]),
    );
  });

  it('checks the contact name, and refuses a risky one naming the field', async () => {
    const result = await product.call('o-name', 'resident', 'submit', submission({ contactName: RISKY }));
    expect(result).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      message: '联系人姓名中含有不适宜发布的内容，请修改后再提交',
      fields: { contactName: '联系人姓名中含有不适宜发布的内容' },
    });
    // The name and the place went together, then each alone to find the one to change.
    expect(await checksOf(`${RISKY}\n三坊七巷南门`)).toEqual([
      expect.objectContaining({ scene: 1, openid: 'o-name' }),
    ]);
    expect(await checksOf(RISKY)).toEqual([expect.objectContaining({ scene: 1, openid: 'o-name' })]);
    expect(await checksOf('三坊七巷南门')).toEqual([expect.objectContaining({ scene: 1, openid: 'o-name' })]);
    expect(product.stack.store.count('cases', { openid: 'o-name' })).toBe(0);
  });

  it("names only the place's name when that is what a refused joint check held", async () => {
    const location = {
      latitude: 26.08,
      longitude: 119.3,
      name: `${RISKY}门市部`,
      address: '鼓楼区东街 12 号',
    };
    const result = await product.call(
      'o-joint',
      'resident',
      'submit',
      submission({ contactName: '李女士', location, locationConsent: true }),
    );
    expect(result).toEqual({
      ok: false,
      code: 'CONTENT.RISKY',
      message: '地点名称中含有不适宜发布的内容，请修改后再提交',
      fields: { 'location.name': '地点名称中含有不适宜发布的内容' },
    });
    expect(await checksOf(`李女士\n${RISKY}门市部\n鼓楼区东街 12 号`)).toHaveLength(1);
    expect(product.stack.store.count('cases', { openid: 'o-joint' })).toBe(0);
  });

  it('flags for review only the field WeChat doubted, though it was checked with others', async () => {
    const { caseId } = await product.ok(
      'o-joint-review',
      'resident',
      'submit',
      submission({ contactName: '放高利贷的邻居' }),
    );
    expect(stored(caseId)).toMatchObject({ textCheck: 'review', textReview: ['contactName'] });
  });

  it("checks the location's name and address", async () => {
    const location = { latitude: 26.08, longitude: 119.3, name: '三坊七巷', address: `${RISKY}的店门口` };
    const result = await product.call(
      'o-place',
      'resident',
      'submit',
      submission({ location, locationConsent: true }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      message: expect.stringContaining('地址'),
      fields: { 'location.address': expect.any(String) },
    });
    expect(await checksOf(`张先生\n三坊七巷\n${RISKY}的店门口`)).toEqual([
      expect.objectContaining({ scene: 1, openid: 'o-place' }),
    ]);
    expect(await checksOf('三坊七巷')).toEqual([expect.objectContaining({ scene: 1, openid: 'o-place' })]);
  });

  it('accepts what WeChat sends to review, and flags it for those who handle the case', async () => {
    const description = '楼下有人放高利贷，还上门催收，邻居们都很害怕。';
    const { caseId } = await product.ok('o-review', 'resident', 'submit', submission({ description }));
    expect(stored(caseId)).toMatchObject({ textCheck: 'review', textReview: ['description'] });
    const view = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId });
    expect(view.contentReview).toEqual(['问题描述']);
    const plain = await product.ok('o-review', 'resident', 'submit', submission());
    const plainView = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId: plain.caseId });
    expect(plainView.contentReview).toEqual([]);
  });
});

describe('texts of one scene checked together', () => {
  const text = (length: number, scene: 1 | 2 | 3 = 1) => ({ text: '字'.repeat(length), scene });

  it('joins the texts of each scene, never across scenes', () => {
    expect(checkGroups([text(5, 3), text(5), text(5, 2), text(5), text(5, 3)])).toEqual([
      [0, 4],
      [1, 3],
      [2],
    ]);
  });

  it('starts another check where the joined text would pass the limit, counting characters', () => {
    const half = Math.floor(CHECK_LIMIT / 2);
    expect(checkGroups([text(half), text(CHECK_LIMIT - half - 1), text(1)])).toEqual([[0, 1], [2]]);
    expect(checkGroups([text(half), text(CHECK_LIMIT - half)])).toEqual([[0], [1]]);
    expect(checkGroups([{ text: '😀'.repeat(CHECK_LIMIT - 2), scene: 1 }, text(1)])).toEqual([[0, 1]]);
    expect(checkGroups([text(CHECK_LIMIT + 1), text(3)])).toEqual([[0], [1]]);
  });
});

describe('what handlers and residents write later', () => {
  let caseId: string;
  beforeAll(async () => {
    ({ caseId } = await product.ok('o-later', 'resident', 'submit', submission()));
  });

  it("checks the deputy's reply, as a comment, with the deputy's OpenID", async () => {
    const content = `回复：${RISKY}`;
    const refused = await product.call(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content,
      clientRequestId: rid(),
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      fields: { content: expect.any(String) },
    });
    expect(await checksOf(content)).toEqual([
      expect.objectContaining({ scene: 2, openid: DEV_DEPUTY_OPENID }),
    ]);
    expect(stored(caseId).status).toBe('submitted');
  });

  it("checks a handler's note on an action", async () => {
    const refused = await product.call(DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action: 'decline',
      note: `说明：${RISKY}`,
      clientRequestId: rid(),
    });
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT.RISKY', fields: { note: expect.any(String) } });
    expect(stored(caseId).status).toBe('submitted');
  });

  it("checks the resident's rating comment", async () => {
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '路灯已经联系供电所修好了。',
      clientRequestId: rid(),
    });
    const refused = await product.call('o-later', 'resident', 'rate', {
      caseId,
      rating: 'satisfied',
      comment: `谢谢，${RISKY}`,
      clientRequestId: rid(),
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      message: expect.stringContaining('评价'),
      fields: { comment: expect.any(String) },
    });
    expect(await checksOf(`谢谢，${RISKY}`)).toEqual([
      expect.objectContaining({ scene: 2, openid: 'o-later' }),
    ]);
    expect(stored(caseId).status).toBe('answered');
  });
});

describe('what staff and the office type', () => {
  it("checks a visitor's name and what they said, with the staff member's OpenID", async () => {
    const today = new Date(product.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const visit = (visitorName: string, description: string) =>
      product.call(DEV_STAFF_OPENID, 'station', 'registerVisitor', {
        date: today,
        receivedBy: 'deputy-lin',
        visitorName,
        anonymous: false,
        answeredOnSpot: false,
        items: [{ kind: 'help', category: 'elderly', description }],
        clientRequestId: rid(),
      });
    expect(await visit(RISKY, '小区老年食堂停办了，希望恢复。')).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      fields: { visitorName: expect.any(String) },
    });
    expect(await visit('王阿姨', `食堂门口有人${RISKY}`)).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      fields: { 'items.0.description': expect.any(String) },
    });
    expect(await checksOf(`食堂门口有人${RISKY}`)).toEqual([
      expect.objectContaining({ scene: 3, openid: DEV_STAFF_OPENID }),
    ]);
  });

  it('checks the reasons and notes about reception days: a change, a swap request, a decision', async () => {
    const reason = `换班：${RISKY}`;
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'requestSwap', {
        dayId: 'station-gulou-home_2026-12-10',
        reason,
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'CONTENT.RISKY', fields: { reason: expect.any(String) } });
    expect(await checksOf(reason)).toEqual([
      expect.objectContaining({ scene: 2, openid: DEV_DEPUTY_OPENID }),
    ]);
    expect(
      await product.call(DEV_STAFF_OPENID, 'station', 'decideSwap', {
        date: '2026-12-10',
        requestId: 'swap-1',
        decision: 'decline',
        note: `不同意：${RISKY}`,
      }),
    ).toMatchObject({ ok: false, code: 'CONTENT.RISKY', fields: { note: expect.any(String) } });
    expect(
      await product.call(DEV_STAFF_OPENID, 'station', 'changeDay', {
        kind: 'cancel',
        date: '2026-12-10',
        reason: `取消：${RISKY}`,
      }),
    ).toMatchObject({ ok: false, code: 'CONTENT.RISKY', fields: { reason: expect.any(String) } });
  });

  it("checks the directory the public reads: a deputy's name and title", async () => {
    const refused = await product.call(DEV_OFFICE_OPENID, 'office', 'save', {
      kind: 'deputy',
      fields: { name: '赵晓东', level: 'county', stationId: 'station-dongjie', title: RISKY, phone: null },
      clientRequestId: rid(),
    } as never);
    expect(refused).toMatchObject({
      ok: false,
      code: 'CONTENT.RISKY',
      fields: { title: expect.any(String) },
    });
    expect(await checksOf(RISKY)).toEqual(
      expect.arrayContaining([expect.objectContaining({ scene: 1, openid: DEV_OFFICE_OPENID })]),
    );
  });

  it('checks the names and titles a directory import brings in, and applies none of a risky sheet', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('代表');
    sheet.addRow(['姓名*', '层级*', '所属联络站', '职务身份', '联系电话']);
    sheet.addRow(['吴小梅', '区县人大代表', 'S0002', '区人大代表，教师', '13600000001']);
    sheet.addRow(['郑大勇', '区县人大代表', 'S0002', RISKY, '13600000002']);
    const fileID = await product.uploadFile(
      DEV_OFFICE_OPENID,
      `${importPrefix(DEV_OFFICE_OPENID)}risky.xlsx`,
      Buffer.from(await book.xlsx.writeBuffer()),
    );
    const report = await product.ok(DEV_OFFICE_OPENID, 'office', 'importDirectory', {
      fileID,
      dryRun: false,
    });
    expect(report).toMatchObject({
      applied: false,
      problems: [{ sheet: '代表', row: 3, column: '职务身份', message: '含有不适宜发布的内容' }],
    });
    expect(product.stack.store.count('deputies', { name: '吴小梅' })).toBe(0);
  });
});
