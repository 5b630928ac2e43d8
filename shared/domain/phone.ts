/** Mainland mobile numbers: 11 digits, `1[3-9]` then 9 digits. */
export const MOBILE_RE = /^1[3-9]\d{9}$/;

export function isMobile(raw: string): boolean {
  return MOBILE_RE.test(raw.trim());
}
