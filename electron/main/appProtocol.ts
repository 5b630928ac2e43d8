/**
 * The app:// protocol that serves the built renderer (out/renderer) to the window, instead of
 * file://: the page gets its own origin (so 'self' in the CSP and the IPC sender check mean only
 * our files, not every file on the disk), and every response carries the Content-Security-Policy
 * as a header besides the page's meta tag. Kept free of `electron` imports: index.ts registers
 * `appResponse` with `protocol.handle`, and the tests call it on a real folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

/** Chromium runs module scripts only with a JavaScript MIME type: every type the build emits. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * The file under `rootDir` that an app:// URL names, or null. Refused: another scheme or host,
 * a malformed escape, any `.` or `..` segment (also percent-encoded), backslashes, NUL, a drive
 * letter or a second leading slash, and anything that resolves (symbolic links included, when
 * the file exists) outside `rootDir`. The containment check is the rule; the others refuse the
 * tricks early and plainly. Directories are not files: `/` means index.html.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  // Look at the raw path before URL parsing normalizes `..` and `%2e%2e` away.
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(requestUrl);
  if (!m || m[1]!.toLowerCase() !== APP_SCHEME || m[2]!.toLowerCase() !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(m[3]!);
  } catch {
    return null;
  }
  if (rel === '' || rel === '/') rel = '/index.html';
  if (!rel.startsWith('/') || rel.startsWith('//')) return null;
  if (/[\\\0]/.test(rel) || /^\/[a-z]:/i.test(rel)) return null;
  if (rel.split('/').some((seg) => seg === '.' || seg === '..')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file)) {
    const real = fs.realpathSync(file);
    const realRoot = fs.realpathSync(root);
    if (!real.startsWith(realRoot + path.sep)) return null;
  }
  return file;
}

/** The response to one app:// request: the file with its type and the policy header, or 404. */
export function appResponse(rootDir: string, request: { url: string; method?: string }, csp: string): Response {
  const headers = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  const method = (request.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD')
    return new Response('method not allowed', { status: 405, headers: { ...headers, 'content-type': 'text/plain' } });
  const file = resolveAppFile(rootDir, request.url);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile())
    return new Response('not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain' } });
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const body = method === 'HEAD' ? null : new Uint8Array(fs.readFileSync(file));
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': type } });
}
