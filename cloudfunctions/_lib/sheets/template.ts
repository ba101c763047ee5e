import ExcelJS from 'exceljs';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requireOffice, type ActionContext } from '../platform';
import { SHEETS } from './directory-import';

/** The import template: one sheet per kind with its headers, an example row and drop-downs. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [{ width: 100 }];
  for (const line of [
    '名册导入模板：「代表」「工作人员」「承办单位」三张表，不需要的表可以删除或留空。',
    '第一行是列名，请勿修改；带 * 的列必填。示例行请删除后再导入。',
    '代表：新增代表不填代表码，系统自动编号；填写代表码则更新该代表的信息。所属联络站填站点码（如 S0001）或联络站全称。',
    '工作人员：按联系电话识别同一人；在多个联络站工作的，所在联络站用顿号分隔。',
    '承办单位：按单位名称识别；类别为 乡镇（街道）、市直部门 或 上级人大。',
    '导入前会先检查，全部无误才会保存；已在名册中的记录会按表中信息更新。',
  ])
    guide.addRow([line]);
  for (const spec of SHEETS) {
    const sheet = workbook.addWorksheet(spec.sheet);
    sheet.columns = spec.columns.map((c) => ({
      header: c.required ? `${c.header}*` : c.header,
      width: c.width,
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRow(spec.columns.map((c) => c.example));
    spec.columns.forEach((c, i) => {
      if (!c.choices) return;
      for (let r = 2; r <= TEMPLATE_CHOICE_ROWS + 1; r++) {
        sheet.getCell(r, i + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${c.choices.join(',')}"`],
        };
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows of the template with drop-downs (typed values beyond them are read all the same). */
const TEMPLATE_CHOICE_ROWS = 500;

/** Outside `imports/`, where the office's own uploads go: only the functions write it. */
export const TEMPLATE_PATH = 'templates/directory-template.xlsx';

/** `office.importTemplate`: stores the template and answers a download URL for the screen. */
export async function importTemplate(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<{ fileID: string; url: string } | Failure> {
  const office = await requireOffice(ctx, '下载导入模板');
  if (isFailure(office)) return office;
  const { app } = ctx;
  const { fileID } = await app.uploadFile({
    cloudPath: TEMPLATE_PATH,
    fileContent: await templateWorkbook(),
  });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] });
  const url = fileList[0]?.code === 'SUCCESS' ? fileList[0].tempFileURL : '';
  if (!url) return fail('INTERNAL', '模板暂时无法下载，请稍后再试');
  return { fileID, url };
}
