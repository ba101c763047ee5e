import ExcelJS from 'exceljs';
import type { ImportReport } from '../../../miniprogram/core/api';
import {
  importPrefix,
  validateDirectoryFields,
  type DirectoryFields,
  type DirectoryKind,
} from '../../../miniprogram/core/directory';
import {
  DEPUTY_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  type DeputyLevel,
  type UnitKind,
} from '../../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { createRecord, DIRECTORY_COLLECTIONS, MAX_DIRECTORY, recordId, syncStaffRoles } from '../directory';
import {
  collection,
  getById,
  readAll,
  requireOffice,
  type ActionContext,
  type App,
  type Db,
  type DeputyDoc,
  type StaffDoc,
  type StationDoc,
  type UnitDoc,
} from '../platform';
import { riskyCells, type ImportText } from './import-screen';

/**
 * Importing the directory from a spreadsheet (名册导入): the office fills in the template
 * (`office.importTemplate`), sends it to itself in WeChat, picks it on the directory screen, and the
 * screen uploads it under `imports/<openid>/` and calls `office.importDirectory` twice: first as a
 * dry run, which reports every problem by sheet, row and column and what would be created or
 * updated, then for real.
 *
 * - Sheets 代表, 工作人员 and 承办单位, each optional; columns are found by their header, in any order.
 * - A row that names a record already in the directory updates it (a deputy by 代表码, or by name
 *   and station; staff by phone; a unit by name), so importing the same sheet twice changes nothing
 *   the second time. New records get ids derived from the same key, so two imports of one sheet at
 *   once cannot create a record twice.
 * - All or nothing: while any row has a problem nothing is stored.
 * - Stations are created on the directory screen, not imported: their reception rules need the form.
 */

export const MAX_ROWS = 2000;
const MAX_PROBLEMS = 100;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

type ImportKind = Exclude<DirectoryKind, 'station'>;

interface Column {
  header: string;
  /** Other headers people write for the same column. */
  aliases?: string[];
  field: string;
  required: boolean;
  width: number;
  example: string;
  /** Choices offered by the template's drop-down. */
  choices?: string[];
}

interface SheetSpec {
  kind: ImportKind;
  sheet: string;
  columns: Column[];
}

const LEVEL_CHOICES = Object.values(DEPUTY_LEVEL_LABELS);
const UNIT_CHOICES = Object.values(UNIT_KIND_LABELS);

export const SHEETS: SheetSpec[] = [
  {
    kind: 'deputy',
    sheet: '代表',
    columns: [
      { header: '代表码', field: 'code', required: false, width: 10, example: '' },
      { header: '姓名', aliases: ['代表姓名'], field: 'name', required: true, width: 10, example: '张三' },
      {
        header: '层级',
        aliases: ['代表层级', '级别'],
        field: 'level',
        required: true,
        width: 16,
        example: '区县人大代表',
        choices: LEVEL_CHOICES,
      },
      {
        header: '所属联络站',
        aliases: ['联络站', '进站'],
        field: 'station',
        required: false,
        width: 30,
        example: 'S0001',
      },
      {
        header: '职务身份',
        aliases: ['职务', '身份'],
        field: 'title',
        required: false,
        width: 28,
        example: '区人大代表，社区医生',
      },
      {
        header: '联系电话',
        aliases: ['电话', '手机'],
        field: 'phone',
        required: false,
        width: 16,
        example: '13800000000',
      },
    ],
  },
  {
    kind: 'staff',
    sheet: '工作人员',
    columns: [
      { header: '姓名', field: 'name', required: true, width: 10, example: '李四' },
      {
        header: '联系电话',
        aliases: ['电话', '手机'],
        field: 'phone',
        required: true,
        width: 16,
        example: '13900000000',
      },
      {
        header: '所在联络站',
        aliases: ['联络站'],
        field: 'stations',
        required: true,
        width: 40,
        example: 'S0001、S0002',
      },
    ],
  },
  {
    kind: 'unit',
    sheet: '承办单位',
    columns: [
      {
        header: '单位名称',
        aliases: ['名称', '单位'],
        field: 'name',
        required: true,
        width: 30,
        example: '某某街道办事处',
      },
      {
        header: '类别',
        aliases: ['单位类别'],
        field: 'unitKind',
        required: true,
        width: 16,
        example: '乡镇（街道）',
        choices: UNIT_CHOICES,
      },
    ],
  },
];

/** Headers compared without spaces, asterisks and the brackets of hints: 「姓名*」「姓名（必填）」. */
const headerKey = (text: string) =>
  text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊]/g, '')
    .trim();

/** A cell as the person sees it: numbers (phones) without exponent, dates as dates, rich text joined. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text.replace(/\s+/g, ' ').trim();
}

function levelOf(text: string): DeputyLevel | null {
  const key = text.replace(/人大代表$|代表$|级$/, '');
  const found = (Object.keys(DEPUTY_LEVEL_LABELS) as DeputyLevel[]).find(
    (level) =>
      DEPUTY_LEVEL_LABELS[level] === text || DEPUTY_LEVEL_LABELS[level].replace(/人大代表$/, '') === key,
  );
  if (found) return found;
  return key === '区' || key === '县' ? 'county' : key === '街道' ? 'township' : null;
}

function unitKindOf(text: string): UnitKind | null {
  const found = (Object.keys(UNIT_KIND_LABELS) as UnitKind[]).find((k) => UNIT_KIND_LABELS[k] === text);
  if (found) return found;
  if (text === '乡镇' || text === '街道') return 'township';
  if (text === '职能部门' || text === '部门') return 'city_department';
  return null;
}

interface Stores {
  stations: StationDoc[];
  deputies: DeputyDoc[];
  staff: StaffDoc[];
  units: UnitDoc[];
}

/** A station named by its printed code (S0001) or its full name. */
function stationOf(stores: Stores, text: string): StationDoc | undefined {
  const code = text.toUpperCase();
  return stores.stations.find((s) => s.code === code) ?? stores.stations.find((s) => s.name === text);
}

interface Row {
  kind: ImportKind;
  sheet: string;
  row: number;
  fields: DirectoryFields[ImportKind];
  /** The record this row updates, if any. */
  existingId: string | null;
  /** The natural key, for a new record's id and for duplicates within the sheet. */
  key: string;
}

type Problem = ImportReport['problems'][number];

/** Column names by field, for messages that name the column the person sees. */
const columnOf = (spec: SheetSpec, field: string) =>
  spec.columns.find((c) => c.field === field)?.header ??
  (field === 'stationId' ? '所属联络站' : field === 'stationIds' ? '所在联络站' : field);

function readRow(
  spec: SheetSpec,
  values: Record<string, string>,
  rowNumber: number,
  stores: Stores,
  problems: Problem[],
): Row | null {
  const at = (column: string, message: string) =>
    problems.push({ sheet: spec.sheet, row: rowNumber, column, message });
  const raw: Record<string, unknown> = { name: values.name, phone: values.phone };
  let stationProblem = false;
  const station = (text: string, column: string): string | null => {
    const found = stationOf(stores, text);
    if (!found) at(column, `没有找到联络站「${text}」（可填站点码如 S0001，或联络站全称）`);
    else if (!found.active) at(column, `${found.name}已停用`);
    else return found._id;
    stationProblem = true;
    return null;
  };
  if (spec.kind === 'deputy') {
    raw.level = levelOf(values.level ?? '') ?? values.level;
    raw.title = values.title;
    raw.stationId = values.station ? station(values.station, columnOf(spec, 'station')) : null;
  } else if (spec.kind === 'staff') {
    const names = (values.stations ?? '')
      .split(/[、，,;；\n]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    raw.stationIds = names.map((n) => station(n, columnOf(spec, 'stations'))).filter(Boolean);
  } else {
    raw.unitKind = unitKindOf(values.unitKind ?? '') ?? values.unitKind;
  }
  const valid = validateDirectoryFields(spec.kind, raw);
  if (!valid.ok) {
    for (const [field, message] of Object.entries(valid.fields ?? { form: valid.message })) {
      // A station already reported as unknown is not reported again as missing.
      if (stationProblem && (field === 'stationIds' || field === 'stationId')) continue;
      at(columnOf(spec, field), message);
    }
    return null;
  }
  if (stationProblem) return null;

  const fields = valid.data;
  let existingId: string | null;
  let key: string;
  if (spec.kind === 'deputy') {
    const f = fields as DirectoryFields['deputy'];
    key = `${f.name}\u0000${f.stationId ?? ''}`;
    const code = (values.code ?? '').toUpperCase();
    if (code) {
      const byCode = stores.deputies.find((d) => d.code === code);
      if (!byCode) {
        at('代表码', `没有代表码为 ${code} 的代表；新增代表请不填代表码`);
        return null;
      }
      existingId = byCode._id;
    } else {
      existingId = stores.deputies.find((d) => d.name === f.name && d.stationId === f.stationId)?._id ?? null;
    }
  } else if (spec.kind === 'staff') {
    key = (fields as DirectoryFields['staff']).phone;
    existingId = stores.staff.find((s) => s.phone === key)?._id ?? null;
  } else {
    key = fields.name;
    existingId = stores.units.find((u) => u.name === key)?._id ?? null;
  }
  return { kind: spec.kind, sheet: spec.sheet, row: rowNumber, fields, existingId, key: existingId ?? key };
}

function readSheet(sheet: ExcelJS.Worksheet, spec: SheetSpec, stores: Stores, problems: Problem[]): Row[] {
  const header = sheet.getRow(1);
  const columns = new Map<string, number>();
  header.eachCell((cell, col) => {
    const key = headerKey(cellText(cell));
    const column = spec.columns.find((c) => c.header === key || c.aliases?.includes(key));
    if (column && !columns.has(column.field)) columns.set(column.field, col);
  });
  const missing = spec.columns.filter((c) => c.required && !columns.has(c.field));
  if (missing.length > 0) {
    for (const c of missing)
      problems.push({
        sheet: spec.sheet,
        row: 1,
        column: c.header,
        message: `缺少「${c.header}」列，请使用导入模板`,
      });
    return [];
  }
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const last = Math.min(sheet.actualRowCount === 0 ? 0 : sheet.rowCount, MAX_ROWS + 1);
  if (sheet.rowCount > MAX_ROWS + 1) {
    problems.push({
      sheet: spec.sheet,
      row: MAX_ROWS + 2,
      column: '',
      message: `每张表最多 ${MAX_ROWS} 行，请分批导入`,
    });
    return [];
  }
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r);
    const values: Record<string, string> = {};
    for (const [field, col] of columns) values[field] = cellText(row.getCell(col));
    if (Object.values(values).every((v) => v === '')) continue;
    const read = readRow(spec, values, r, stores, problems);
    if (!read) continue;
    const earlier = seen.get(read.key);
    if (earlier !== undefined) {
      problems.push({ sheet: spec.sheet, row: r, column: '', message: `与第 ${earlier} 行重复` });
      continue;
    }
    seen.set(read.key, r);
    rows.push(read);
  }
  return rows;
}

/**
 * Names and titles others read, new to the directory: screened as the form screens them (decision
 * 0015; import-screen.ts). A risky one is a problem of its row, so the dry run shows it.
 */
function newTexts(rows: Row[], stores: Stores): ImportText[] {
  const known = new Set<string>([
    ...stores.deputies.flatMap((d) => [d.name, d.title]),
    ...stores.staff.map((s) => s.name),
    ...stores.units.map((u) => u.name),
  ]);
  return rows.flatMap((row) => {
    const spec = SHEETS.find((s) => s.kind === row.kind);
    const fields = row.fields as { name: string; title?: string };
    return (['name', 'title'] as const)
      .filter((field) => spec && fields[field] && !known.has(fields[field] as string))
      .map((field) => ({
        sheet: row.sheet,
        row: row.row,
        column: spec ? columnOf(spec, field) : field,
        text: fields[field] as string,
      }));
  });
}

async function loadStores(db: Db): Promise<Stores | Failure> {
  const all = { max: MAX_DIRECTORY };
  const [stations, deputies, staff, units] = await Promise.all([
    readAll<'stations', StationDoc>(db, 'stations', {}, all),
    readAll<'deputies', DeputyDoc>(db, 'deputies', {}, all),
    readAll<'staff', StaffDoc>(db, 'staff', {}, all),
    readAll<'departments', UnitDoc>(db, 'departments', {}, all),
  ]);
  if (!stations || !deputies || !staff || !units)
    return fail('DIRECTORY.TOO_LARGE', '名册记录过多，请联系技术人员');
  return { stations, deputies, staff, units };
}

async function download(app: App, fileID: string): Promise<Buffer | null> {
  try {
    const { fileContent } = await app.downloadFile({ fileID });
    if (fileContent === undefined) return null;
    return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
  } catch {
    return null;
  }
}

async function apply(db: Db, rows: Row[], now: number): Promise<void> {
  for (const row of rows) {
    if (!row.existingId) {
      await createRecord(db, row.kind, recordId(row.kind, 'import', row.key), row.fields, now);
      continue;
    }
    const stored =
      row.kind === 'unit'
        ? { name: row.fields.name, kind: (row.fields as DirectoryFields['unit']).unitKind }
        : { ...row.fields };
    await collection(db, DIRECTORY_COLLECTIONS[row.kind])
      .doc(row.existingId)
      .update({ ...stored, updatedAt: now });
    if (row.kind === 'staff') {
      const staff = await getById(db, 'staff', row.existingId);
      if (staff) await syncStaffRoles(db, staff);
    }
  }
}

/** `office.importDirectory`. */
export async function importDirectory(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ImportReport | Failure> {
  const office = await requireOffice(ctx, '导入名册');
  if (isFailure(office)) return office;
  const { app, db } = ctx;
  const fileID = typeof input.fileID === 'string' ? input.fileID : '';
  // The caller's own upload: its path (after `cloud://<env>.<bucket>/`) starts with their prefix.
  const path = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1] ?? '';
  if (
    !path.startsWith(importPrefix(ctx.caller.openid)) ||
    path.split('/').includes('..') ||
    !path.endsWith('.xlsx')
  ) {
    return fail('INPUT.INVALID', '请选择要导入的 Excel 文件（.xlsx）', { fileID: '文件无效，请重新选择' });
  }
  const dryRun = input.dryRun !== false;
  const content = await download(app, fileID);
  if (!content) return fail('IMPORT.FILE_MISSING', '没有读到上传的文件，请重新选择文件');
  if (content.length > MAX_FILE_BYTES) return fail('IMPORT.UNREADABLE', '文件超过 5 MB，请分批导入');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); it reads Node's Buffer.
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    return fail('IMPORT.UNREADABLE', '文件不是有效的 Excel 表格（.xlsx），请用导入模板填写后另存为 .xlsx');
  }
  const found = SHEETS.flatMap((spec) => {
    const sheet = workbook.getWorksheet(spec.sheet);
    return sheet ? [{ spec, sheet }] : [];
  });
  if (found.length === 0) {
    return fail(
      'IMPORT.NO_SHEETS',
      `没有找到名为「${SHEETS.map((s) => s.sheet).join('」「')}」的工作表，请使用导入模板`,
    );
  }
  const stores = await loadStores(db);
  if (isFailure(stores)) return stores;

  const problems: Problem[] = [];
  const read = found.map(({ spec, sheet }) => ({ spec, rows: readSheet(sheet, spec, stores, problems) }));
  const rows = read.flatMap((r) => r.rows);
  problems.push(...(await riskyCells(ctx.caller.openid, newTexts(rows, stores))));
  const applied = !dryRun && problems.length === 0 && rows.length > 0;
  if (applied) await apply(db, rows, ctx.now);
  return {
    applied,
    sheets: read.map(({ spec, rows: sheetRows }) => ({
      kind: spec.kind,
      sheet: spec.sheet,
      rows: sheetRows.length,
      created: sheetRows.filter((r) => !r.existingId).length,
      updated: sheetRows.filter((r) => r.existingId).length,
    })),
    problems: problems.slice(0, MAX_PROBLEMS),
    moreProblems: Math.max(0, problems.length - MAX_PROBLEMS),
  };
}
