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

// Numbers as people type them into notes. Each allows the separators people use between digit
// groups (space, '-', '.'), never more than one in a row, and none at the ends:
//  - a resident ID: 18 characters, plain or grouped 6-8-4 (330102 19900101 3880);
//  - a mainland mobile: 11 digits from 13–19, a separator anywhere (138 1234 5678, 138.1234.5678),
//    maybe after +86, 86 or 0086;
//  - a bank account or card: 15–19 digits, plain or in groups of four (6222 0212 3456 7890 123).
// Full-width digits (１３８…) are read as digits first. A match inside a longer run of digits or
// letters is left alone (loan numbers such as DK2026000001, amounts, dates).
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{6}[\s.-]?\d{8}[\s.-]?\d{3}[\dXx](?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<![\dA-Za-z+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s.-]?\d){8}(?![\dA-Za-z])/g;
const ACCOUNT_IN_TEXT = /(?<![\dA-Za-z])(?:\d{15,19}|\d{4}(?:[\s.-]\d{4}){2,3}(?:[\s.-]\d{1,4})?)(?![\dA-Za-z])/g;

const digitsOf = (s: string) => s.replace(/[^\dXx]/g, '');
// Only digits, X and + change: the rest of the text is exported as typed.
const halfWidth = (s: string) => s.replace(/[０-９Ｘｘ＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Free text typed by people (notes, stated values, comments) may hold an ID, phone or account
 * number; this masks every such number so the text can leave the workstation.
 */
export function scrubPiiText(text: string): string {
  return halfWidth(text)
    .replace(ID_IN_TEXT, (m) => maskIdNumber(digitsOf(m).toUpperCase()))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(digitsOf(m).slice(-11)))
    .replace(ACCOUNT_IN_TEXT, (m) => {
      const d = digitsOf(m);
      return d.length >= 15 && d.length <= 19 ? maskAccount(d) : m;
    });
}
