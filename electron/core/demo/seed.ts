/**
 * Deterministic synthetic branch data for demos and tests: loans with Chinese names, valid ID
 * numbers (check digit per GB 11643), mobile numbers, employers, incomes and Hangzhou addresses;
 * three officers and one manager; then, unless `history: false`, eight weeks of call history made
 * through the call services (see history.ts). The same seed and as-of date always give the same
 * data. Existing loan numbers, usernames and worked tasks are left alone, so running it twice adds
 * nothing.
 */
import { idCheckChar } from '../../../shared/domain/idNumber';
import { addDays } from '../../../shared/domain/workdays';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { prepareUser, findUser, insertUser, type PreparedUser } from '../users/users';
import { getBranch } from '../branch';
import { stmt, type Db } from '../db/open';
import { insertLoan, type NewLoan, type NewParty } from '../loans/parties';
import type { Pii } from '../pii/cipher';
import * as D from './data';
import { demoHistory, type HistoryResult } from './history';
import { Rng } from './random';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_USERS = [
  { username: 'officer1', displayName: '王芳', role: 'officer' },
  { username: 'officer2', displayName: '李娜', role: 'officer' },
  { username: 'officer3', displayName: '刘洋', role: 'officer' },
  { username: 'manager1', displayName: '陈静', role: 'manager' },
] as const;

export interface SeedOptions {
  loans: number;
  seed: number;
  asOf: string;
  /** Also create 8 weeks of call history (attempts, records, flags); default true. */
  history?: boolean;
}

export interface SeedResult {
  loansCreated: number;
  loansSkipped: number;
  usersCreated: string[];
  branchCreated: boolean;
  /** What the call history added (null with `history: false`). */
  history: HistoryResult | null;
}

function personName(rng: Rng): string {
  const surname = rng.chance(0.03) ? rng.pick(D.COMPOUND_SURNAMES) : rng.pick(D.SURNAMES);
  const given = rng.chance(0.7) ? rng.pick(D.GIVEN_CHARS) + rng.pick(D.GIVEN_CHARS) : rng.pick(D.GIVEN_CHARS);
  return surname + given;
}

function idNumber(rng: Rng, asOf: string, male: boolean, minAge: number, maxAge: number): string {
  const year = Number(asOf.slice(0, 4)) - rng.int(minAge, maxAge);
  const birth = addDays(`${year}-01-01`, rng.int(0, 364)).replace(/-/g, '');
  let seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  if (seq > 999) seq -= 2;
  const first17 = rng.pick(D.REGION_CODES) + birth + String(seq).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

function mobile(rng: Rng): string {
  return `1${rng.int(3, 9)}${rng.digits(9)}`;
}

function monthlyPayment(amountCents: number, annualRate: number, months: number): number {
  const r = annualRate / 100 / 12;
  if (r === 0) return Math.round(amountCents / months);
  return Math.round((amountCents * r) / (1 - Math.pow(1 + r, -months)));
}

function person(rng: Rng, role: NewParty['role'], asOf: string, male: boolean): NewParty {
  return {
    role,
    name: personName(rng),
    idNumber: idNumber(rng, asOf, male, 23, 58),
    phone: mobile(rng),
    employer: rng.pick(D.EMPLOYERS),
    position: rng.pick(D.POSITIONS),
    monthlyIncomeCents: rng.int(60, 600) * 10_000,
  };
}

export function demoLoan(rng: Rng, index: number, asOf: string): NewLoan {
  const approvalDate = addDays(asOf, -rng.int(0, 120));
  const disb = addDays(approvalDate, rng.int(7, 25));
  const amountCents = rng.int(30, 300) * 1_000_000; // 30万–300万 in steps of 1万
  const termMonths = rng.pick([120, 180, 240, 300, 360]);
  const annualRate = rng.pick([2.85, 3.05, 3.1, 3.2, 3.35, 3.5, 3.65, 3.9, 4.1]);
  const appraised = Math.round(amountCents / (0.55 + rng.next() * 0.15) / 100_00) * 100_00;
  const district = rng.pick(D.DISTRICTS);
  const male = rng.chance(0.55);
  const parties: NewParty[] = [person(rng, 'borrower', asOf, male)];
  if (rng.chance(1 / 3)) parties.push(person(rng, 'co_borrower', asOf, !male));
  if (rng.chance(0.08)) parties.push(person(rng, 'guarantor', asOf, rng.chance(0.5)));
  const year = approvalDate.slice(0, 4);
  return {
    loanNo: `DK${year}${String(index + 1).padStart(6, '0')}`,
    amountCents,
    termMonths,
    annualRate,
    monthlyPaymentCents: monthlyPayment(amountCents, annualRate, termMonths),
    repaymentDay: rng.int(1, 28),
    repaymentAccount: `6217${rng.digits(15)}`,
    approvalDate,
    disbursementDate: disb <= asOf ? disb : null,
    propertyAddress: `浙江省杭州市${district.name}${rng.pick(district.roads)}${rng.int(1, 999)}号${rng.pick(D.COMPOUNDS)}${rng.int(1, 30)}幢${rng.int(1, 3)}单元${rng.int(1, 33)}0${rng.int(1, 4)}室`,
    propertyCertificateNo: `浙(${year})杭州市不动产权第${rng.digits(7)}号`,
    appraisedValueCents: appraised,
    downPaymentCents: Math.max(0, appraised - amountCents),
    parties,
  };
}

export async function demoSeed(db: Db, pii: Pii, opts: SeedOptions, now: Date): Promise<SeedResult> {
  if (!Number.isInteger(opts.loans) || opts.loans < 0 || opts.loans > 1_000_000) {
    throw new AppError('invalid_input', 'errors.invalidField', { field: 'loans' });
  }
  const branchCreated = !getBranch(db);
  const wanted = [
    ...(branchCreated ? [{ username: 'admin', displayName: '系统管理员', role: 'admin' as const }] : []),
    ...DEMO_USERS,
  ].filter((u) => !findUser(db, u.username));
  const prepared: PreparedUser[] = [];
  for (const u of wanted) prepared.push(await prepareUser(db, { ...u, password: DEMO_PASSWORD }));

  const rng = new Rng(opts.seed);
  let created = 0;
  db.transaction(() => {
    if (branchCreated) {
      stmt(db, "INSERT INTO branch (id, code, name, created_at) VALUES (1, 'DEMO01', '演示支行', ?)").run(
        now.toISOString(),
      );
      appendAudit(
        db,
        {
          actor: 'demo-seed',
          action: 'branch.init',
          entity: 'branch',
          entityId: 'DEMO01',
          details: { name: '演示支行' },
        },
        now,
      );
    }
    for (const u of prepared) insertUser(db, u, 'demo-seed', now);
    for (let i = 0; i < opts.loans; i++) if (insertLoan(db, pii, demoLoan(rng, i, opts.asOf), now) !== null) created++;
    appendAudit(
      db,
      { actor: 'demo-seed', action: 'demo.seed', details: { loans: created, seed: opts.seed, asOf: opts.asOf } },
      now,
    );
  })();
  const history = opts.history === false ? null : demoHistory(db, { seed: opts.seed, asOf: opts.asOf }, now);
  return {
    loansCreated: created,
    loansSkipped: opts.loans - created,
    usersCreated: prepared.map((u) => u.username),
    branchCreated,
    history,
  };
}
