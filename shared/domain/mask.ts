/**
 * Display masks for personal data (domain reference §4): ID numbers keep the first 6 and last 4
 * characters, phone numbers the first 3 and last 4, account numbers the first 4 and last 4,
 * names the surname (compound surnames kept whole).
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '万俟',
]);

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

export function maskAccount(acc: string): string {
  const s = acc.trim();
  return s.length <= 8 ? '*'.repeat(s.length) : s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  const two = chars.slice(0, 2).join('');
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

// Numbers as people type them into free text (notes, stated values, comments, reasons).
//
// The text is read as chains of digit groups: a group is a run of digits, and two groups belong
// to one chain when at most 3 characters stand between them (any characters but digits: '/',
// '_', em/en dashes, dots, letters, CJK; a run of white space counts as one, and invisible format
// characters such as zero-width spaces count as none). Full-width digits (１３８…) are read as
// digits first. In each chain, from the left, the longest span of whole groups that spells
//  - a resident ID: 17 digits and a digit or X (GB 11643: 18 characters), or
//  - a mainland mobile: 1[3-9] and 9 digits, maybe after 86 / 0086 (+86),
// is masked with the display mask; what is left of the chain is masked as an account number when
// it holds 12 or more digits (bank accounts and cards are 12–30 digits; longer runs are masked
// too, as they may hide several numbers). Two shapes are kept readable on purpose:
//  - dates and times (2026-12-03, 2026年12月3日 14:30, 09:00-12:00): a date with a time is 12
//    digits, as long as a short account, and notes are full of them. No Chinese bank writes an
//    account number as a date and a time, so such a span is not treated as an account; IDs and
//    mobiles are still checked whatever their shape (a mobile cannot pass for a date-time).
//  - identifiers with letters (loan numbers DK2026000001, contracts HT2026…): a chain touching
//    two Latin letters, or with two letters between its groups, is not masked as an account; an
//    ID or a mobile in it still is. (A single letter between groups does not count: 6222a0212….)
// Amounts (1,200,000) are too short to be masked; an amount of 12+ digits would be (safe side).
// Numbers written in Chinese numerals (一三八…) are not recognised: the rule is for digits.
const GROUP = /\d+/g;
// Up to 3 separator units; a unit is a run of white space or one visible non-digit character.
const GAP = /^\p{Cf}*(?:(?:\s+|[^\s\d\p{Cf}])\p{Cf}*){0,3}$/u;
// Two Latin letters against the digits make an identifier (DK2026000001); one letter does not.
const IDENT_BEFORE = /^[A-Za-z]{2}$/;
const IDENT_AFTER = /^[A-Za-z]{2}$/;
const IDENT_BETWEEN = /[A-Za-z]{2}/;
const MOBILE = /^(?:0086|86)?1[3-9]\d{9}$/;
const TIME_GAP = /^\s*[:：点时]\s*$/;
const SECOND_GAP = /^\s*[:：分]\s*$/;

interface Group {
  start: number;
  end: number;
  digits: string;
}

const between = (g: string, lo: number, hi: number) => {
  const n = Number(g);
  return n >= lo && n <= hi;
};

const validYmd = (y: string, m: string, d: string) =>
  y.length === 4 && between(y, 1900, 2099) && m.length <= 2 && between(m, 1, 12) && d.length <= 2 && between(d, 1, 31);

const MONTH_GAP = /^\s*月\s*$/;
const DAY_MARK = /^\s*[日号]/;

/** `m` and `d` spell a month and day written with 月 and 日/号 (11月23日). */
const monthDay = (s: string, m: Group, d: Group) =>
  m.digits.length <= 2 &&
  between(m.digits, 1, 12) &&
  d.digits.length <= 2 &&
  between(d.digits, 1, 31) &&
  MONTH_GAP.test(s.slice(m.end, d.start)) &&
  DAY_MARK.test(s.slice(d.end, d.end + 3));

/** Is `from..to` a date written with 年/月 (2026年3月15日, 3月15日)? Nobody writes an account so. */
function markedDate(s: string, gs: readonly Group[], from: number, to: number): boolean {
  if (to === from + 1) return monthDay(s, gs[from]!, gs[to]!);
  return (
    to === from + 2 &&
    /^\s*年\s*$/.test(s.slice(gs[from]!.end, gs[from + 1]!.start)) &&
    validYmd(gs[from]!.digits, gs[from + 1]!.digits, gs[to]!.digits) &&
    monthDay(s, gs[from + 1]!, gs[to]!)
  );
}

/** Do the groups from..to (inclusive) read entirely as dates and times? */
function dateShaped(s: string, gs: readonly Group[], from: number, to: number): boolean {
  const gap = (i: number) => s.slice(gs[i]!.end, gs[i + 1]!.start);
  const ok = new Map<number, boolean>();
  const from_ = (i: number): boolean => {
    if (i > to) return true;
    const known = ok.get(i);
    if (known !== undefined) return known;
    const d = (k: number) => gs[i + k]!.digits;
    const has = (k: number) => i + k <= to;
    let r = false;
    // 20261203
    if (d(0).length === 8 && validYmd(d(0).slice(0, 4), d(0).slice(4, 6), d(0).slice(6))) r = from_(i + 1);
    // 2026-12-03, 2026年12月3日
    if (!r && has(2) && validYmd(d(0), d(1), d(2))) r = from_(i + 3);
    // 11月23日, 3月5号 (the year left out, as notes mostly do)
    if (!r && has(1) && monthDay(s, gs[i]!, gs[i + 1]!)) r = from_(i + 2);
    // 14:30, 14点30分, 14:30:00
    if (!r && has(1) && d(0).length <= 2 && between(d(0), 0, 23) && d(1).length === 2 && between(d(1), 0, 59)) {
      if (TIME_GAP.test(gap(i))) {
        if (has(2) && d(2).length === 2 && between(d(2), 0, 59) && SECOND_GAP.test(gap(i + 1))) r = from_(i + 3);
        if (!r) r = from_(i + 2);
      }
    }
    ok.set(i, r);
    return r;
  };
  return from_(from);
}

/**
 * Do the groups from..to spell a time stamp as file names and ISO instants write it: YYYY-MM-DD,
 * then T, _ or - and HHMM, HHMMSS or HH-MM[-SS[-mmm]] (colons and a dot allowed): backup names
 * (callback-desk-2026-11-20-100000.db), a restore's kept copy (…before-restore-2026-11-19T02-00-00-000Z).
 */
function isStamp(s: string, gs: readonly Group[], from: number, to: number): boolean {
  if (to - from < 3 || to - from > 6) return false;
  const d = (k: number) => gs[from + k]!.digits;
  const gap = (k: number) => s.slice(gs[from + k]!.end, gs[from + k + 1]!.start);
  if (d(0).length !== 4 || d(1).length !== 2 || d(2).length !== 2 || !validYmd(d(0), d(1), d(2))) return false;
  if (gap(0) !== '-' || gap(1) !== '-' || !/^[T_-]$/.test(gap(2))) return false;
  const hh = (g: string) => between(g.slice(0, 2), 0, 23);
  const mm = (g: string) => between(g, 0, 59);
  const n = to - from; // index of the last group
  if (n === 3) {
    const t = d(3);
    return (
      (t.length === 4 && hh(t) && mm(t.slice(2))) || (t.length === 6 && hh(t) && mm(t.slice(2, 4)) && mm(t.slice(4)))
    );
  }
  if (d(3).length !== 2 || !hh(d(3)) || d(4).length !== 2 || !mm(d(4))) return false;
  for (let k = 3; k < n; k++) if (!/^[-:.]$/.test(gap(k))) return false;
  if (n >= 5 && (d(5).length !== 2 || !mm(d(5)))) return false;
  return n < 6 || d(6).length === 3;
}

// Only digits, X and + change: the rest of the text is exported as typed.
const halfWidth = (s: string) => s.replace(/[０-９Ｘｘ＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

interface Cut {
  start: number;
  end: number;
  text: string;
}

/**
 * Where an ID's check character X written after its 17th digit (at `at`) ends, or -1: directly
 * (…139X) or after a separator like those between digit groups (…139 X, …139-X), and not the
 * start of a word (…139 Xu).
 */
function checkX(s: string, at: number): number {
  const m = /^([^\dA-Za-z]{0,12}?)[Xx](?![A-Za-z])/u.exec(s.slice(at));
  return m && GAP.test(m[1]!) ? at + m[0].length : -1;
}

/** The spans of one chain to replace. */
function cutsOfChain(s: string, gs: readonly Group[]): Cut[] {
  // A time stamp is no number (2026-11-19T02-00-00-000Z spells the mobile 19020000000), and one at
  // the head of a chain is not part of the number after it. A stamp has at least 12 digits, so
  // no mobile can pass for one; at most 7 groups, so a long chain costs no more than before.
  if (isStamp(s, gs, 0, gs.length - 1)) return [];
  for (let k = Math.min(gs.length - 2, 6); k >= 3; k--)
    if (isStamp(s, gs, 0, k)) return cutsOfChain(s, gs.slice(k + 1));
  const cuts: Cut[] = [];
  const first = gs[0]!.start;
  const last = gs[gs.length - 1]!.end;
  const lettered =
    IDENT_BEFORE.test(s.slice(Math.max(0, first - 2), first)) ||
    IDENT_AFTER.test(s.slice(last, last + 2)) ||
    gs.some((g, i) => i > 0 && IDENT_BETWEEN.test(s.slice(gs[i - 1]!.end, g.start)));
  const rest: number[] = [];
  const account = (a: number, b: number) => {
    const digits = gs
      .slice(a, b + 1)
      .map((g) => g.digits)
      .join('');
    if (digits.length >= 12 && !lettered && !dateShaped(s, gs, a, b) && !isStamp(s, gs, a, b))
      cuts.push({ start: gs[a]!.start, end: gs[b]!.end, text: maskAccount(digits) });
  };
  // A date written with 年/月 splits what is left (首付300000元已于2026年3月15日): the amount and the
  // date are not one account number.
  const flushRest = () => {
    if (rest.length === 0) return;
    const b = rest[rest.length - 1]!;
    let from = rest[0]!;
    for (let k = from; k <= b; k++) {
      const e = [k + 2, k + 1].find((e) => e <= b && markedDate(s, gs, k, e));
      if (e === undefined) continue;
      if (k > from) account(from, k - 1);
      from = e + 1;
      k = e;
    }
    if (from <= b) account(from, b);
    rest.length = 0;
  };
  // Every ID or mobile that starts at group i: [cut, index of its last group].
  const found = (i: number): [Cut, number][] => {
    const out: [Cut, number][] = [];
    let digits = '';
    for (let j = i; j < gs.length && digits.length <= 18; j++) {
      // No ID or mobile is written with a month and day in it (1月5日 2月5日 3月5日…): stop there.
      if (j > i && monthDay(s, gs[j - 1]!, gs[j]!)) break;
      digits += gs[j]!.digits;
      // The check character may follow the 17 digits directly or after a separator (…139 X).
      const x = digits.length === 17 ? checkX(s, gs[j]!.end) : -1;
      if (digits.length === 18) out.push([{ start: gs[i]!.start, end: gs[j]!.end, text: maskIdNumber(digits) }, j]);
      else if (x >= 0) out.push([{ start: gs[i]!.start, end: x, text: maskIdNumber(`${digits}X`) }, j]);
      else if (MOBILE.test(digits)) {
        const plus = digits.length > 11 && s[gs[i]!.start - 1] === '+' ? 1 : 0;
        out.push([{ start: gs[i]!.start - plus, end: gs[j]!.end, text: maskPhone(digits.slice(-11)) }, j]);
      }
    }
    return out;
  };
  // Which numbers to read in the chain: the reading that masks the most digits as IDs and mobiles
  // (ties go to the longest number at the leftmost group). Taking the longest match from the left
  // alone misreads two mobiles written 3-4-4 (138 0013 8000 139 0013 9000) as one 18-digit ID
  // and leaves most of the second in clear.
  // Filled from the right, so a long chain needs no deep recursion.
  const best: { covered: number; take: [Cut, number] | null }[] = [];
  const covered = (i: number) => (i >= gs.length ? 0 : best[i]!.covered);
  for (let i = gs.length - 1; i >= 0; i--) {
    let choice: { covered: number; take: [Cut, number] | null } = { covered: covered(i + 1), take: null };
    for (const c of found(i).reverse()) {
      const n = gs.slice(i, c[1] + 1).reduce((k, g) => k + g.digits.length, 0) + covered(c[1] + 1);
      if (n > choice.covered || (n === choice.covered && choice.take === null)) choice = { covered: n, take: c };
    }
    best[i] = choice;
  }
  let i = 0;
  while (i < gs.length) {
    const take = best[i]!.take;
    if (take) {
      flushRest();
      cuts.push(take[0]);
      i = take[1] + 1;
    } else rest.push(i++);
  }
  flushRest();
  return cuts;
}

/**
 * Free text typed by people (notes, stated values, comments, reasons) may hold an ID, phone or
 * account number; this masks every such number so the text can be stored and leave the
 * workstation. It is the one function every officer-typed text passes before it is written.
 */
export function scrubPiiText(text: string): string {
  const s = halfWidth(text);
  const groups: Group[] = [];
  for (const m of s.matchAll(GROUP)) groups.push({ start: m.index, end: m.index + m[0].length, digits: m[0] });
  if (groups.reduce((n, g) => n + g.digits.length, 0) < 11) return s;
  const cuts: Cut[] = [];
  let chain: Group[] = [];
  for (const g of groups) {
    const prev = chain[chain.length - 1];
    if (prev && !GAP.test(s.slice(prev.end, g.start))) {
      cuts.push(...cutsOfChain(s, chain));
      chain = [];
    }
    chain.push(g);
  }
  if (chain.length > 0) cuts.push(...cutsOfChain(s, chain));
  let out = '';
  let at = 0;
  for (const c of cuts) {
    out += s.slice(at, c.start) + c.text;
    at = c.end;
  }
  return out + s.slice(at);
}
