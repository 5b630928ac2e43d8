/**
 * The rules of head office's upload target: which addresses are allowed (https://, or http:// to
 * this machine only) and the stored token's binding to the address it was entered for.
 *
 * Why: the token authenticates the branch to head office; sent over plain http it can be read on
 * the LAN, and sent to another address it is handed to whoever runs that server. So the token is
 * sealed together with its address (one ciphertext under the branch's data key) and is used only
 * while the configured address is still that one — also when someone edits `syncUrl` in the
 * SQLite file directly. Changing the address drops the token; it has to be entered again.
 */
import { AppError } from '../../../shared/result';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
const SEALED = 'bound-v1\n';

/** The address in one spelling (for comparing), or null when it is not a URL at all. */
export function normalUrl(url: string): string | null {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** Refuse an address the token must not go to: not a URL, or not https (except loopback http). */
export function assertSyncUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', 'errors.syncUrlInvalid');
  }
  if (u.protocol === 'https:') return;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return;
  if (u.protocol === 'http:') throw new AppError('invalid_input', 'errors.syncUrlInsecure');
  throw new AppError('invalid_input', 'errors.syncUrlInvalid');
}

/** The plaintext to encrypt for `token` entered for `url`. */
export function sealToken(url: string, token: string): string {
  return `${SEALED}${normalUrl(url) ?? url}\n${token}`;
}

/**
 * The token to use for `url`, from its decrypted seal: '' when it was entered for another address.
 * A token stored before the binding existed (no seal) counts as entered for the current address.
 */
export function unsealToken(plain: string, url: string): string {
  if (!plain.startsWith(SEALED)) return plain;
  const rest = plain.slice(SEALED.length);
  const nl = rest.indexOf('\n');
  if (nl < 0) return '';
  const boundTo = rest.slice(0, nl);
  return boundTo !== '' && boundTo === normalUrl(url) ? rest.slice(nl + 1) : '';
}
