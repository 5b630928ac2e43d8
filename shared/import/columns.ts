/**
 * The loan import format (docs/import-format.md): one row per loan, Chinese or English headers in
 * any order, matched case- and space-insensitively (full-width characters folded to ASCII).
 */
export type ColumnKind = 'loan_no' | 'name' | 'id' | 'phone' | 'text' | 'money' | 'int' | 'rate' | 'date' | 'account';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  kind: ColumnKind;
  required: boolean;
  /** Longest accepted text (characters) for text-like kinds. */
  max?: number;
  min?: number;
  /** For int columns: inclusive range. */
  range?: [number, number];
  /** Example value for the template. */
  example: string;
}

const col = (
  key: string,
  zh: string,
  kind: ColumnKind,
  required: boolean,
  example: string,
  extra: Partial<ImportColumn> = {},
): ImportColumn => ({ key, zh, en: key, kind, required, example, ...extra });

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  col('loan_no', '贷款编号', 'loan_no', true, 'DK2026000001', { max: 40 }),
  col('borrower_name', '借款人姓名', 'name', true, '张伟'),
  col('borrower_id_number', '身份证号', 'id', true, '11010519491231002X'),
  col('borrower_phone', '手机号', 'phone', true, '13812345678'),
  col('employer', '工作单位', 'text', false, '杭州恒泰贸易有限公司', { max: 100 }),
  col('position', '职务', 'text', false, '会计', { max: 50 }),
  col('monthly_income', '月收入', 'money', false, '15000.00'),
  col('loan_amount', '贷款金额', 'money', true, '1200000.00'),
  col('term_months', '期限(月)', 'int', true, '360', { range: [1, 360] }),
  col('annual_rate', '年利率(%)', 'rate', true, '3.10'),
  col('monthly_payment', '月供', 'money', false, '5124.15'),
  col('repayment_day', '还款日', 'int', false, '15', { range: [1, 28] }),
  col('repayment_account', '还款账户', 'account', false, '6217000012345678901'),
  col('approval_date', '审批日期', 'date', true, '2026-11-02'),
  col('disbursement_date', '放款日期', 'date', false, '2026-11-16'),
  col('property_address', '房屋坐落', 'text', true, '浙江省杭州市西湖区文三路100号翠湖花园3幢1单元502室', { max: 200 }),
  col('property_certificate_no', '不动产权证号', 'text', false, '浙(2026)杭州市不动产权第0012345号', { max: 64 }),
  col('appraised_value', '评估价值', 'money', false, '2000000.00'),
  col('down_payment', '首付金额', 'money', false, '800000.00'),
  col('co_borrower_name', '共同借款人姓名', 'name', false, '李娜'),
  col('co_borrower_id_number', '共同借款人身份证号', 'id', false, '440524188001010014'),
  col('co_borrower_phone', '共同借款人手机号', 'phone', false, '13900001111'),
  col('guarantor_name', '担保人姓名', 'name', false, ''),
  col('guarantor_id_number', '担保人身份证号', 'id', false, ''),
  col('guarantor_phone', '担保人手机号', 'phone', false, ''),
];

export const COLUMN_BY_KEY: ReadonlyMap<string, ImportColumn> = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));

/** Fold width, case and spaces so `贷款编号 `, `LOAN_NO` and `期限（月）` match their columns. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b\ufeff]+/g, '');
}

const BY_HEADER: ReadonlyMap<string, ImportColumn> = new Map(
  IMPORT_COLUMNS.flatMap((c) => [
    [normalizeHeader(c.zh), c],
    [normalizeHeader(c.en), c],
  ]),
);

export function columnForHeader(h: string): ImportColumn | undefined {
  return BY_HEADER.get(normalizeHeader(h));
}

/** Upper limits of one import; administrators can change them in settings. */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  maxFieldChars: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxFieldChars: 1000,
};
