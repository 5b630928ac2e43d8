/**
 * The browser harness (DESIGN.md §4): serves the built renderer and the contract's channels over
 * HTTP on 127.0.0.1 only, behind a bearer token, with one login session like the app's window.
 * `window.api` in the page is a small script generated from the contract's channel list.
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { CHANNELS, contract } from '../../shared/contract';
import { buildCsp } from '../../shared/csp';
import { fail } from '../../shared/result';
import type { AppContext } from '../../electron/core/context';
import { startRuntime, type Runtime } from '../../electron/core/runtime';
import { createLogger } from '../../electron/core/log';
import type { Clock } from '../../electron/core/clock';
import { RENDERER_OUT } from './build';

const MAX_BODY = 1024 * 1024;
const COOKIE = 'callback_desk_harness';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HarnessOptions {
  dbFile: string;
  port: number;
  token: string;
  clock?: Clock;
  rendererDir?: string;
}

export interface Harness {
  url: string;
  port: number;
  /** The open database's context; null while the harness is in recovery mode. */
  context(): AppContext | null;
  runtime: Runtime;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `decodeURIComponent`, or null for a malformed escape (`%zz`, a lone `%E0`). */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function clientScript(): string {
  // Plain ES5-ish script: reads the token from ?token= once, then keeps it for this tab only.
  return `(function () {
  var q = new URLSearchParams(location.search).get('token');
  if (q) sessionStorage.setItem('callback-desk.token', q);
  var token = q || sessionStorage.getItem('callback-desk.token') || '';
  var channels = ${JSON.stringify(CHANNELS)};
  var api = {};
  channels.forEach(function (c) {
    api[c] = function (input) {
      return fetch('/api/' + c, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
        body: JSON.stringify(input === undefined ? {} : input)
      }).then(function (r) {
        return r.json().catch(function () { return { ok: false, error: { code: 'internal', message: 'errors.internal' } }; });
      }, function () { return { ok: false, error: { code: 'unavailable', message: 'errors.network' } }; });
    };
  });
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
})();
`;
}

function apiListing() {
  return {
    channels: CHANNELS.map((name) => ({
      name,
      role: contract[name].role,
      input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(contract[name].output, { unrepresentable: 'any' }),
    })),
  };
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const rendererDir = opts.rendererDir ?? RENDERER_OUT;
  // Redacted, rotated log beside the database, echoed to stderr.
  const log = createLogger({
    dir: path.join(path.dirname(path.resolve(opts.dbFile)), 'logs'),
    echo: (line) => process.stderr.write(line),
  });
  // Opens the file, or starts in recovery mode when it cannot be opened (the UI shows why).
  const runtime = startRuntime(opts.dbFile, { log, ...(opts.clock ? { clock: opts.clock } : {}) });
  const dispatch = runtime.dispatch;
  const csp = buildCsp();
  const listing = JSON.stringify(apiListing());
  let port = opts.port;

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    extra: http.OutgoingHttpHeaders = {},
  ) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': csp,
      'referrer-policy': 'no-referrer',
      ...extra,
    });
    res.end(body);
  };
  const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

  const hostOk = (req: http.IncomingMessage) => {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };
  const cookieToken = (req: http.IncomingMessage) => {
    const m = /(?:^|;\s*)callback_desk_harness=([^;]+)/.exec(req.headers.cookie ?? '');
    return m ? decoded(m[1]!) : '';
  };
  const bearer = (req: http.IncomingMessage) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return m ? m[1]! : '';
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      // DNS-rebinding guard: only our own loopback host names.
      if (!hostOk(req)) return sendJson(res, 403, fail('forbidden', 'errors.forbidden'));
      // A malformed escape in the path or the cookie is the client's error (400), checked before
      // anything else reads them; it never reaches a decode that throws (which answered 500).
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      } catch {
        return sendJson(res, 400, fail('invalid_input', 'errors.invalidInput', { field: 'path' }));
      }
      const pathname = decoded(url.pathname);
      if (pathname === null) return sendJson(res, 400, fail('invalid_input', 'errors.invalidInput', { field: 'path' }));
      if (cookieToken(req) === null)
        return sendJson(res, 400, fail('invalid_input', 'errors.invalidInput', { field: 'cookie' }));

      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        if (!sameSecret(bearer(req), opts.token))
          return sendJson(res, 401, fail('unauthenticated', 'errors.notSignedIn'));
        if (url.pathname === '/api') {
          if (req.method !== 'GET')
            return sendJson(res, 405, fail('invalid_input', 'errors.invalidInput', { field: 'method' }));
          return send(res, 200, listing, 'application/json; charset=utf-8');
        }
        if (req.method !== 'POST')
          return sendJson(res, 405, fail('invalid_input', 'errors.invalidInput', { field: 'method' }));
        const channel = pathname.slice('/api/'.length);
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of req) {
          size += (c as Buffer).length;
          if (size > MAX_BODY * 8) {
            // Far over the limit: stop reading and drop the connection.
            req.destroy();
            return;
          }
          // Over the limit: read the rest without keeping it, so the client gets the 413 below
          // instead of a reset while it is still sending.
          if (size <= MAX_BODY) chunks.push(c as Buffer);
        }
        if (size > MAX_BODY)
          return send(
            res,
            413,
            JSON.stringify(fail('invalid_input', 'errors.invalidInput', { field: 'body' })),
            'application/json; charset=utf-8',
            { connection: 'close' },
          );
        let input: unknown = {};
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.trim() !== '') {
          try {
            input = JSON.parse(text);
          } catch {
            return sendJson(res, 400, fail('invalid_input', 'errors.invalidInput', { field: 'body' }));
          }
        }
        const result = await dispatch(channel, input);
        return sendJson(
          res,
          !result.ok && result.error.code === 'not_found' && result.error.message === 'errors.unknownChannel'
            ? 404
            : 200,
          result,
        );
      }

      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, fail('invalid_input', 'errors.invalidInput', { field: 'method' }));
      const queryToken = url.searchParams.get('token') ?? '';
      const fromQuery = queryToken !== '' && sameSecret(queryToken, opts.token);
      if (!fromQuery && !sameSecret(cookieToken(req) ?? '', opts.token)) {
        return send(
          res,
          401,
          '401: open the URL printed by the harness, including ?token=…',
          'text/plain; charset=utf-8',
        );
      }
      const extra: http.OutgoingHttpHeaders = fromQuery
        ? { 'set-cookie': `${COOKIE}=${encodeURIComponent(opts.token)}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
      if (url.pathname === '/__harness/api.js') return send(res, 200, clientScript(), TYPES['.js']!, extra);
      const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
      const file = path.resolve(rendererDir, rel);
      if (
        !file.startsWith(path.resolve(rendererDir) + path.sep) ||
        !fs.existsSync(file) ||
        !fs.statSync(file).isFile()
      ) {
        return send(res, 404, 'not found', 'text/plain; charset=utf-8');
      }
      let body: string | Buffer = fs.readFileSync(file);
      if (rel === 'index.html') {
        body = body
          .toString('utf8')
          .replace('<script type="module"', '<script src="./__harness/api.js"></script>\n    <script type="module"');
      }
      return send(res, 200, body, TYPES[path.extname(file)] ?? 'application/octet-stream', extra);
    })().catch((e: unknown) => {
      log.error('harness', `${(e as Error)?.message}`);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'errors.internal'));
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(opts.token)}`,
    port,
    context: () => runtime.context(),
    runtime,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          runtime.close();
          resolve();
        });
      }),
  };
}
