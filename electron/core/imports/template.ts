/**
 * The import templates users download: CSV (UTF-8 with BOM so Excel shows Chinese) and XLSX with
 * text-formatted ID, phone and account columns (so Excel keeps all 18 digits), a frozen header,
 * an example row and a sheet describing every column.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../../shared/import/columns';

export type TemplateLanguage = 'zh-CN' | 'en';

const KIND_HELP: Record<string, [string, string]> = {
  loan_no: ['字母、数字、- _ /，最多 40 位，不可重复', 'letters, digits, - _ /; up to 40; unique'],
  name: ['中文或英文姓名，不含数字', 'name in Chinese or Latin letters, no digits'],
  id: ['18 位居民身份证号（末位可为 X），文本格式', '18-character resident ID (last may be X), as text'],
  phone: ['11 位手机号，13–19 开头', '11-digit mobile number starting 13–19'],
  text: ['文本', 'text'],
  money: ['金额（元），大于 0，最多两位小数', 'amount in yuan, > 0, at most 2 decimals'],
  int: ['整数', 'whole number'],
  rate: ['年利率（%），0–24', 'annual rate in percent, 0–24'],
  date: ['日期：YYYY-MM-DD 或 YYYY/M/D', 'date: YYYY-MM-DD or YYYY/M/D'],
  account: ['12–30 位数字，文本格式', '12–30 digits, as text'],
};

function headers(lang: TemplateLanguage): string[] {
  return IMPORT_COLUMNS.map((c) => (lang === 'en' ? c.en : c.zh));
}

export function csvTemplate(lang: TemplateLanguage): Buffer {
  const text = stringify([headers(lang), IMPORT_COLUMNS.map((c) => c.example)], { record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function xlsxTemplate(lang: TemplateLanguage): Promise<Buffer> {
  const zh = lang !== 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Callback Desk';
  const ws = wb.addWorksheet(zh ? '贷款清单' : 'Loans', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({
    header: zh ? c.zh : c.en,
    key: c.key,
    width: Math.max(12, Math.min(40, c.example.length * 1.6 + 4)),
    style: ['id', 'phone', 'account', 'loan_no'].includes(c.kind) ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.required)
      ws.getRow(1).getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE7BA' } };
  });
  ws.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example || null])));
  const help = wb.addWorksheet(zh ? '填写说明' : 'How to fill in');
  help.columns = [
    { header: zh ? '列名' : 'Column', width: 22 },
    { header: zh ? '英文列名' : 'English name', width: 26 },
    { header: zh ? '必填' : 'Required', width: 8 },
    { header: zh ? '格式' : 'Format', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const [hz, he] = KIND_HELP[c.kind]!;
    const range = c.range ? ` ${c.range[0]}–${c.range[1]}` : '';
    help.addRow([c.zh, c.en, c.required ? (zh ? '是' : 'yes') : '', (zh ? hz : he) + range]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
