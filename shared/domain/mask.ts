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

// Digit runs that look like a resident ID (17 digits + check character), a mainland mobile
// number (also written 138 1234 5678 or 138-1234-5678) or a bank account (15–19 digits), not
// part of a longer run of digits.
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const ACCOUNT_IN_TEXT = /(?<!\d)\d{15,19}(?!\d)/g;

/**
 * Free text typed by people (notes, stated values, comments) may hold an ID, phone or account
 * number; this masks every such number so the text can leave the workstation.
 */
export function scrubPiiText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m.toUpperCase()))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m.replace(/[\s-]/g, '')))
    .replace(ACCOUNT_IN_TEXT, (m) => maskAccount(m));
}
