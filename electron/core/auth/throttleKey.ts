/** The key of a typed user name in `login_throttle`: a hash, so typed text is never stored. */
import { createHash } from 'node:crypto';

// SHA-256 of the NFC, trimmed name: what users mistype here is sometimes their password, and the
// table must not keep it readable. The lookup of users is exact, so the key is case-sensitive too.
export function throttleKey(username: string): string {
  return createHash('sha256')
    .update(`callback-desk/login/${username.normalize('NFC').trim()}`)
    .digest('hex');
}
