/**
 * The Electron shell's policy (issue #16 item 18, issue #23), tested on the pure functions the
 * main process wires (the Electron binary cannot run here): where the renderer comes from, the
 * app:// protocol's path resolution and responses, the window options, the menu, the IPC sender
 * check, external links, and the navigation guards' behaviour on a stand-in web contents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse, resolveAppFile } from '../../electron/main/appProtocol';
import { registerIpc } from '../../electron/main/ipc';
import { DEV_ONLY_ROLES, menuTemplate } from '../../electron/main/menu';
import {
  APP_URL,
  devServerUrl,
  externalLinkDecision,
  guardWebContents,
  isAppUrl,
  isTrustedSender,
  windowOpenDecision,
  windowOptions,
  type GuardedContents,
} from '../../electron/main/security';
import { buildCsp } from '../../shared/csp';
import { ipcChannelName } from '../../shared/contract';
import { tempDir } from '../helpers';

describe('the renderer URL is honoured only by a development run', () => {
  const url = 'http://localhost:5173';
  it('uses the dev server only when unpackaged AND built by electron-vite dev', () => {
    expect(devServerUrl({ packaged: false, devBuild: true, rendererUrl: url })).toBe(url);
    expect(devServerUrl({ packaged: true, devBuild: true, rendererUrl: url })).toBeNull();
    expect(devServerUrl({ packaged: false, devBuild: false, rendererUrl: url })).toBeNull();
    expect(devServerUrl({ packaged: true, devBuild: false, rendererUrl: url })).toBeNull();
    expect(devServerUrl({ packaged: false, devBuild: true, rendererUrl: undefined })).toBeNull();
  });
  it('even in development, only plain http(s) on loopback', () => {
    for (const bad of [
      'https://evil.example/',
      'http://192.168.1.20:5173',
      'file:///tmp/page.html',
      'http://user:pw@localhost:5173',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(devServerUrl({ packaged: false, devBuild: true, rendererUrl: bad }), bad).toBeNull();
    expect(devServerUrl({ packaged: false, devBuild: true, rendererUrl: 'http://127.0.0.1:5174/x' })).toBe(
      'http://127.0.0.1:5174',
    );
  });
});

describe('window options', () => {
  it('no DevTools in a packaged build, DevTools in development', () => {
    expect(windowOptions('p', { packaged: true }).webPreferences!.devTools).toBe(false);
    expect(windowOptions('p').webPreferences!.devTools).toBe(false);
    expect(windowOptions('p', { packaged: false }).webPreferences!.devTools).toBe(true);
  });
  it('disable the Auxclick Blink feature (a middle click opens nothing)', () => {
    for (const packaged of [true, false])
      expect(windowOptions('p', { packaged }).webPreferences!.disableBlinkFeatures).toBe('Auxclick');
  });
});

describe('the app menu', () => {
  const t = (k: string) => k;
  const roles = (packaged: boolean, platform: NodeJS.Platform) =>
    JSON.stringify(menuTemplate({ packaged, platform, t }))
      .match(/"role":"\w+"/g)!
      .map((r) => r.slice(8, -1).toLowerCase());
  it('has no reload or DevTools in a packaged build, on every platform', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const r = roles(true, platform);
      for (const bad of [...DEV_ONLY_ROLES, 'viewMenu', 'fileMenu', 'windowMenu', 'appMenu', 'editMenu'])
        expect(r, `${platform}: ${bad}`).not.toContain(bad.toLowerCase());
      expect(r).toEqual(expect.arrayContaining(['copy', 'paste', 'selectall', 'quit']));
    }
  });
  it('keeps reload and DevTools for development', () => {
    expect(roles(false, 'linux')).toEqual(expect.arrayContaining(['reload', 'toggledevtools']));
  });
  it('labels its menus with catalogue keys', () => {
    expect(menuTemplate({ packaged: true, platform: 'win32', t }).map((m) => m.label)).toEqual([
      'menu.file',
      'menu.edit',
      'menu.view',
      'menu.window',
    ]);
  });
});

describe('app:// path resolution', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    outside = tempDir('cbd-app-');
    root = path.join(outside, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index-1.js'), 'export {};');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'link.js'));
  });
  afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

  it('serves the app’s own files; / is index.html', () => {
    expect(resolveAppFile(root, 'app://callback-desk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://callback-desk/index.html#/loans')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://callback-desk/assets/index-1.js?v=1')).toBe(
      path.join(root, 'assets', 'index-1.js'),
    );
  });

  it('refuses traversal in every spelling, absolute paths, backslashes, other hosts and schemes', () => {
    for (const url of [
      'app://callback-desk/../secret.txt',
      'app://callback-desk/assets/../../secret.txt',
      'app://callback-desk/%2e%2e/secret.txt',
      'app://callback-desk/%2E%2E%2Fsecret.txt',
      'app://callback-desk/.%2e/secret.txt',
      'app://callback-desk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://callback-desk/..%5csecret.txt',
      'app://callback-desk/assets\\..\\..\\secret.txt',
      'app://callback-desk/%5c%5cserver%5cshare%5cx',
      `app://callback-desk/${encodeURIComponent(path.join(outside, 'secret.txt'))}`,
      `app://callback-desk//${path.join(outside, 'secret.txt')}`,
      'app://callback-desk/C:/Windows/win.ini',
      'app://callback-desk/C%3A%5CWindows%5Cwin.ini',
      'app://callback-desk/index.html%00.js',
      'app://callback-desk/%E0%A4%A',
      'app://callback-desk/./index.html',
      'app://other-host/index.html',
      'file:///etc/passwd',
      'https://callback-desk/index.html',
    ])
      expect(resolveAppFile(root, url), url).toBeNull();
  });

  it('refuses a symbolic link that leads out of the folder', () => {
    expect(resolveAppFile(root, 'app://callback-desk/assets/link.js')).toBeNull();
  });

  it('answers with the file, its type and the CSP header; 404 for anything refused or missing', async () => {
    const csp = buildCsp();
    const ok = appResponse(root, { url: 'app://callback-desk/assets/index-1.js', method: 'GET' }, csp);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toBe(csp);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ok.text()).toBe('export {};');
    for (const url of [
      'app://callback-desk/%2e%2e/secret.txt',
      'app://callback-desk/assets/link.js',
      'app://callback-desk/missing.js',
      'app://callback-desk/assets',
    ]) {
      const r = appResponse(root, { url }, csp);
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain('SECRET');
      expect(r.headers.get('content-security-policy')).toBe(csp);
    }
    expect(appResponse(root, { url: 'app://callback-desk/index.html', method: 'POST' }, csp).status).toBe(405);
  });
});

describe('only the app:// page (and the dev server in development) is the app', () => {
  it('accepts app:// with any path or hash route', () => {
    expect(isAppUrl(APP_URL, APP_URL)).toBe(true);
    expect(isAppUrl('app://callback-desk/index.html#/loans', APP_URL)).toBe(true);
  });
  it('refuses file:// pages, other app hosts and remote pages', () => {
    for (const url of [
      'file:///opt/callback-desk/resources/app.asar/out/renderer/index.html',
      'file:///etc/passwd',
      'app://evil/index.html',
      'https://callback-desk/index.html',
      'http://localhost:5173/',
      'not a url',
    ])
      expect(isAppUrl(url, APP_URL), url).toBe(false);
  });
  it('the IPC check trusts the app:// top frame only', async () => {
    expect(isTrustedSender({ url: `${APP_URL}#/sync`, parent: null }, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: 'file:///x/out/renderer/index.html', parent: null }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, APP_URL)).toBe(false);
    // Through the registered handlers: a file:// page gets forbidden, the app:// page is dispatched.
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    const called: string[] = [];
    registerIpc(
      { handle: (n: string, fn: (e: unknown, i: unknown) => unknown) => handlers.set(n, fn) } as never,
      async (c) => {
        called.push(c);
        return { ok: true as const, value: {} };
      },
      () => APP_URL,
    );
    const session = handlers.get(ipcChannelName('auth.session'))!;
    expect(await session({ senderFrame: { url: 'file:///x/index.html', parent: null } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(called).toEqual([]);
    await session({ senderFrame: { url: `${APP_URL}#/`, parent: null } }, {});
    expect(called).toEqual(['auth.session']);
  });
  it('the dev server is the app only when it is the renderer URL', () => {
    expect(isAppUrl('http://localhost:5173/#/loans', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('external links', () => {
  it('open nothing with the default (empty) allow-list', () => {
    for (const url of ['https://www.example-bank.cn/help', 'https://example.com/'])
      expect(externalLinkDecision(url, []).open, url).toBeNull();
    expect(windowOpenDecision('https://www.example-bank.cn/help')).toEqual({ action: 'deny', external: null });
  });
  it('open only https links to an allowed host, exactly', () => {
    const allow = ['help.example-bank.cn'];
    expect(externalLinkDecision('https://help.example-bank.cn/guide?x=1', allow).open).toBe(
      'https://help.example-bank.cn/guide?x=1',
    );
    expect(externalLinkDecision('https://HELP.example-bank.cn/', allow).open).toBe('https://help.example-bank.cn/');
    for (const url of [
      'http://help.example-bank.cn/',
      'https://help.example-bank.cn.evil.example/',
      'https://evil.example/?u=https://help.example-bank.cn/',
      'https://x.help.example-bank.cn/',
      'https://user:pw@help.example-bank.cn/',
      'https://help.example-bank.cn:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://help.example-bank.cn/share',
      '',
    ])
      expect(externalLinkDecision(url, allow).open, url).toBeNull();
  });
  it('logs a refused link without its query string or fragment', () => {
    const d = externalLinkDecision('https://evil.example/p?id=330102198703221397&token=abc#13812345678', []);
    expect(d.logged).toBe('https://evil.example/p');
  });
});

/** A stand-in web contents that keeps the listeners the guard attaches, to fire them. */
function fakeContents() {
  const listeners = new Map<string, ((...a: never[]) => unknown)[]>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedContents = {
    on: (event: string, listener: (...a: never[]) => unknown) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler: (h) => {
      openHandler = h;
    },
  } as GuardedContents;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    const e = { preventDefault: () => (prevented = true) };
    for (const l of listeners.get(event) ?? []) (l as (e: unknown, u?: string) => void)(e, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('the navigation guard, by its behaviour', () => {
  const setup = (allowed: string[] = [], renderer = APP_URL) => {
    const f = fakeContents();
    const opened: string[] = [];
    const logged: string[] = [];
    guardWebContents(f.contents, {
      rendererUrl: () => renderer,
      allowedHosts: () => allowed,
      openExternal: (u) => opened.push(u),
      log: (m) => logged.push(m),
    });
    return { ...f, opened, logged };
  };

  it('prevents navigation away from the app page, allows hash routes within it', () => {
    const g = setup();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'http://localhost:5173/',
    ])
      expect(g.fire('will-navigate', url), url).toBe(true);
    expect(g.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(g.fire('will-navigate', `${APP_URL}#/tasks`)).toBe(false);
  });

  it('never attaches a webview', () => {
    expect(setup().fire('will-attach-webview')).toBe(true);
  });

  it('opens no window; an allowed link goes to the system browser, others are logged without their query', () => {
    const g = setup(['help.example-bank.cn']);
    expect(g.open('https://help.example-bank.cn/a')).toEqual({ action: 'deny' });
    expect(g.open('https://evil.example/p?phone=13812345678')).toEqual({ action: 'deny' });
    expect(g.open('http://help.example-bank.cn/a')).toEqual({ action: 'deny' });
    expect(g.opened).toEqual(['https://help.example-bank.cn/a']);
    expect(g.logged.join('\n')).toContain('https://evil.example/p');
    expect(g.logged.join('\n')).not.toContain('13812345678');
  });

  it('with the default allow-list, nothing leaves', () => {
    const g = setup();
    g.open('https://www.example-bank.cn/help');
    expect(g.opened).toEqual([]);
  });
});
