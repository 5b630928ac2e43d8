/**
 * Database rows, declared once each: a row type is the type of its column template, and the
 * template's keys are the table's columns (test/db/rows.test.ts compares them with PRAGMA table_info
 * of a fresh database). A query that reads some columns types its rows as `Pick<…Row, …>`.
 */
const text = '' as string;
const textOrNull = null as string | null;
const integer = 0 as number;
const integerOrNull = null as number | null;
const real = 0 as number;

const loans = {
  id: integer,
  loan_no: text,
  amount_cents: integer,
  term_months: integer,
  annual_rate: real,
  monthly_payment_cents: integerOrNull,
  repayment_day: integerOrNull,
  repayment_account_enc: textOrNull,
  repayment_account_masked: textOrNull,
  approval_date: text,
  disbursement_date: textOrNull,
  property_address: text,
  property_certificate_no: textOrNull,
  appraised_value_cents: integerOrNull,
  down_payment_cents: integerOrNull,
  created_at: text,
  updated_at: text,
};

const parties = {
  id: integer,
  loan_id: integer,
  role: 'borrower' as 'borrower' | 'co_borrower' | 'guarantor',
  name: text,
  id_number_enc: text,
  id_number_masked: text,
  id_number_hmac: text,
  phone_enc: textOrNull,
  phone_masked: textOrNull,
  phone_hmac: textOrNull,
  phone_last4_hmac: textOrNull,
  employer: textOrNull,
  position: textOrNull,
  monthly_income_cents: integerOrNull,
  created_at: text,
  updated_at: text,
};

/** A row of `loans`. */
export type LoansRow = typeof loans;
/** A row of `parties`. */
export type PartiesRow = typeof parties;

/** Each declared table's columns, in the order of the templates. */
export const ROW_COLUMNS = { loans: Object.keys(loans), parties: Object.keys(parties) } as const;
