/** Mainland mobile numbers (domain reference §4): the pattern, and how a number as typed is read, for both sides. */

/** 11 digits, `1[3-9]` then 9 digits. */
export const MOBILE_RE = /^1[3-9]\d{9}$/;

export function isMobile(raw: string): boolean {
  return MOBILE_RE.test(raw.trim());
}

/**
 * The digits of a mobile number as typed (the call screen's 新联系电话 and `calls.newPhone` alike):
 * spaces, dashes, dots, brackets and full-width digits allowed, +86 / 0086 dropped; null when what
 * is left is not a mainland mobile.
 */
export function normalizeMobile(raw: string): string | null {
  const s = raw
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-.()（）]/g, '');
  const d = s.replace(/^(?:\+86|0086)/, '');
  return isMobile(d) ? d : null;
}
