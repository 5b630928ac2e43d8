import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../shared/csp';
import fs from 'node:fs';
import path from 'node:path';
import {
  denyAllPermissions,
  FUSES,
  isAppUrl,
  isTrustedSender,
  permissionCheck,
  windowOpenDecision,
  windowOptions,
} from '../../electron/main/security';
import { registerIpc } from '../../electron/main/ipc';
import { CHANNELS, ipcChannelName } from '../../shared/contract';
import { ROOT } from '../helpers';

// The renderer is served from app:// (electron/main/appProtocol.ts); file:// pages are not the app.
const APP = 'app://callback-desk/index.html';

describe('window options', () => {
  it('isolate, sandbox and keep Node out of the renderer', () => {
    const w = windowOptions('/x/preload/index.cjs').webPreferences!;
    expect(w.contextIsolation).toBe(true);
    expect(w.sandbox).toBe(true);
    expect(w.nodeIntegration).toBe(false);
    expect(w.nodeIntegrationInSubFrames).toBe(false);
    expect(w.webSecurity).toBe(true);
    expect(w.webviewTag).toBe(false);
    expect(w.allowRunningInsecureContent).toBe(false);
    expect(w.preload).toBe('/x/preload/index.cjs');
  });
  it('open at the typical branch screen size', () => {
    const o = windowOptions('p');
    expect([o.width, o.height]).toEqual([1366, 768]);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and connections, no eval, no inline script', () => {
    const csp = buildCsp();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('leaves frame-ancestors out of the meta tag version (browsers ignore it there)', () => {
    expect(buildCsp({ forMetaTag: true })).not.toContain('frame-ancestors');
  });
  it('opens the dev server only when asked', () => {
    const dev = buildCsp({ devServer: 'http://localhost:5173' });
    expect(dev).toContain('ws://localhost:5173');
    expect(buildCsp()).not.toContain('localhost');
  });
});

describe('which pages and senders are the app’s own', () => {
  it('accepts the app:// page with any hash route', () => {
    expect(isAppUrl(`${APP}#/loans`, APP)).toBe(true);
    expect(isAppUrl(APP, APP)).toBe(true);
  });
  it('refuses other files, remote pages and junk', () => {
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('file:///opt/callback-desk/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
    expect(isAppUrl('https://example.com/', APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });
  it('matches the dev server by origin', () => {
    expect(isAppUrl('http://localhost:5173/#/loans', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
  it('trusts only the top frame showing the app', () => {
    expect(isTrustedSender({ url: APP, parent: null }, APP)).toBe(true);
    expect(isTrustedSender({ url: APP, parent: {} }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
  });
});

describe('the shell refuses what a bank app must never do', () => {
  it('opens no new windows; only https links to an allowed host go to the system browser', () => {
    expect(windowOpenDecision('https://www.example-bank.cn/help', ['www.example-bank.cn'])).toEqual({
      action: 'deny',
      external: 'https://www.example-bank.cn/help',
    });
    // The allow-list is empty by default: nothing leaves.
    expect(windowOpenDecision('https://www.example-bank.cn/help')).toEqual({ action: 'deny', external: null });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', ''])
      expect(windowOpenDecision(url, ['example.com'])).toEqual({ action: 'deny', external: null });
  });

  it('denies every permission request and check', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      denyAllPermissions(null, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
    }
    expect(permissionCheck()).toBe(false);
  });

  it('packages with the same fuses, the native module outside the ASAR, and the installers branches use', () => {
    const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    const camel = (k: string) => k[0]!.toLowerCase() + k.slice(1);
    for (const [fuse, on] of Object.entries(FUSES))
      expect(yml, fuse).toMatch(new RegExp(`\\n  ${camel(fuse)}: ${on}\\n`));
    expect(yml).toContain("'**/node_modules/better-sqlite3/**'");
    expect(yml).toMatch(/target: nsis\n\s+arch: \[x64\]/);
    expect(yml).toMatch(/target: deb\n\s+arch: \[x64, arm64\]/);
    expect(yml).toMatch(/target: AppImage\n\s+arch: \[x64, arm64\]/);
    expect(fs.existsSync(path.join(ROOT, 'resources/icons/icon.png'))).toBe(true);
  });

  it('sets the fuses a packaged app needs', () => {
    expect(FUSES).toMatchObject({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('registers one IPC handler per contract channel, each refusing senders that are not the app', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    const fakeIpc = {
      handle: (name: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(name, fn),
    };
    const called: string[] = [];
    const dispatch = async (channel: string) => {
      called.push(channel);
      return { ok: true as const, value: {} };
    };
    registerIpc(fakeIpc as never, dispatch, () => APP);
    expect([...handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannelName).sort());
    for (const [name, fn] of handlers) {
      expect(await fn({ senderFrame: { url: 'https://evil.example/', parent: null } }, {}), name).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'errors.forbidden' },
      });
      expect(await fn({ senderFrame: { url: APP, parent: {} } }, {}), `${name} from a subframe`).toMatchObject({
        ok: false,
      });
      expect(await fn({ senderFrame: null }, {}), `${name} without a frame`).toMatchObject({ ok: false });
    }
    expect(called).toEqual([]);
    await handlers.get(ipcChannelName('auth.session'))!({ senderFrame: { url: `${APP}#/sync`, parent: null } }, {});
    expect(called).toEqual(['auth.session']);
  });

  it('keeps the main process wiring that the policy functions rely on', () => {
    const main = fs.readFileSync(path.join(ROOT, 'electron/main/index.ts'), 'utf8');
    for (const needed of [
      'guardWebContents(contents',
      'setPermissionRequestHandler(denyAllPermissions)',
      'setPermissionCheckHandler(permissionCheck)',
      "'Content-Security-Policy': [csp]",
      'protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request, csp))',
      'Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(',
      'windowOptions(path.join(import.meta.dirname, ',
      '{ packaged }',
      'registerIpc(ipcMain',
      'requestSingleInstanceLock()',
    ])
      expect(main, needed).toContain(needed);
    // The window loads app:// (or the dev server in development), never a file:// page.
    expect(main).not.toMatch(/loadFile\(|pathToFileURL/);
    const all = ['electron/main/index.ts', 'electron/main/security.ts', 'electron/preload/index.ts']
      .map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'))
      .join('\n');
    expect(all).not.toMatch(
      /sandbox:\s*false|nodeIntegration:\s*true|enableRemoteModule|@electron\/remote|webSecurity:\s*false/,
    );
    expect(fs.readFileSync(path.join(ROOT, 'electron/preload/index.ts'), 'utf8')).not.toMatch(
      /exposeInMainWorld\([^)]*ipcRenderer\)/,
    );
  });
});
