import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../shared/csp';
import { isAppUrl, isTrustedSender, windowOptions } from '../../electron/main/security';

const APP = 'file:///opt/callback-desk/resources/app.asar/out/renderer/index.html';

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
  it('accepts the renderer file with any hash route', () => {
    expect(isAppUrl(`${APP}#/loans`, APP)).toBe(true);
    expect(isAppUrl(APP, APP)).toBe(true);
  });
  it('refuses other files, remote pages and junk', () => {
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
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
