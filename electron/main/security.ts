/**
 * Pure security policy of the Electron shell, unit-tested without Electron: the BrowserWindow
 * options, where the renderer comes from (the app:// origin, or the dev server in development
 * only), which URLs the window may show, which IPC senders are the app's own frame, which links
 * may leave for the system browser, and the navigation guards every web contents gets.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer's own origin: a privileged standard scheme served from the app's files (appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'callback-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export interface ShellMode {
  /** `app.isPackaged`: true in an installed build. */
  packaged: boolean;
}

export function windowOptions(
  preloadPath: string,
  mode: ShellMode = { packaged: true },
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '回访工作台 Callback Desk',
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // No DevTools in an installed build: an officer could otherwise call any channel by hand
      // and read every answer. Development builds keep them.
      devTools: !mode.packaged,
      // A middle click opens nothing (the Electron checklist: Auxclick can open links that
      // bypass the window-open handler's intent).
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL to load, or null to load the app's own files from app://. Only a
 * development run honours `ELECTRON_RENDERER_URL`: the app is not packaged AND the bundle was
 * built by `electron-vite dev` (`import.meta.env.DEV`) — two independent signals, so neither an
 * environment variable on an installed workstation nor a dev flag alone can point the trusted
 * window (and its IPC) at another page. The URL must also be plain http(s) on loopback.
 */
export function devServerUrl(opts: {
  packaged: boolean;
  devBuild: boolean;
  rendererUrl: string | undefined;
}): string | null {
  if (opts.packaged || !opts.devBuild || !opts.rendererUrl) return null;
  const u = parse(opts.rendererUrl);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || !LOOPBACK.has(u.hostname)) return null;
  if (u.username || u.password) return null;
  return u.origin;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: the app:// origin (any path or hash route) or, in
 * development only, the dev server's origin. Anything else — file://, remote pages, other
 * loopback ports — is not the app.
 */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  const u = parse(url);
  const r = parse(rendererUrl);
  if (!u || !r) return false;
  if (r.protocol === `${APP_SCHEME}:`) return u.protocol === r.protocol && u.host === r.host && r.host === APP_HOST;
  return u.origin === r.origin && (r.protocol === 'http:' || r.protocol === 'https:');
}

/** An IPC sender is trusted only when it is the top frame showing the app's own page. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  rendererUrl: string,
): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url, rendererUrl);
}

/**
 * Which link may leave for the system browser (`shell.openExternal`): only https, only a host
 * on the administrator's allow-list (setting `externalLinkHosts`, empty by default: an offline
 * branch app has no reason to open the web), no credentials in the URL, default port. Anything
 * else is dropped, and `logged` is what may be written to the log: scheme, host and path only —
 * a query string or fragment can carry a token or personal data.
 */
export function externalLinkDecision(
  url: string,
  allowedHosts: readonly string[],
): { open: string | null; logged: string } {
  const u = parse(url);
  const logged = u ? (u.host ? `${u.protocol}//${u.host}${u.pathname}` : u.protocol) : '(not a URL)';
  if (!u || u.protocol !== 'https:' || u.username || u.password || u.port !== '') return { open: null, logged };
  const allowed = allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (!allowed.includes(u.hostname.toLowerCase())) return { open: null, logged };
  return { open: u.href, logged };
}

/**
 * What a window.open / target=_blank link may do: never a new app window; an allowed https link
 * opens in the system browser (`external`), anything else is dropped.
 */
export function windowOpenDecision(
  url: string,
  allowedHosts: readonly string[] = [],
): { action: 'deny'; external: string | null } {
  return { action: 'deny', external: externalLinkDecision(url, allowedHosts).open };
}

/** The parts of Electron's WebContents the guards use (a stand-in in tests). */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardOptions {
  rendererUrl: () => string;
  allowedHosts: () => readonly string[];
  openExternal: (url: string) => void;
  log: (message: string) => void;
}

/**
 * Guards every web contents: it may navigate only within the app's own page, never attach a
 * webview, never open a window; an allowed link goes to the system browser, others are logged
 * (without their query string) and dropped.
 */
export function guardWebContents(contents: GuardedContents, opts: GuardOptions): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, opts.rendererUrl())) return;
    event.preventDefault();
    opts.log(`navigation refused: ${externalLinkDecision(url, []).logged}`);
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const d = externalLinkDecision(url, opts.allowedHosts());
    if (d.open) opts.openExternal(d.open);
    else opts.log(`link not opened (not an allowed https host): ${d.logged}`);
    return { action: 'deny' };
  });
}

/** Permission requests (camera, microphone, notifications, geolocation…) and checks: all refused. */
export const denyAllPermissions = (_wc: unknown, _permission: string, callback: (granted: boolean) => void): void =>
  callback(false);
export const permissionCheck = (): boolean => false;

/**
 * Electron fuses for the packaged app (flipped by electron-builder, `electronFuses` in electron-builder.yml):
 * no running as plain Node, no NODE_OPTIONS or --inspect, cookies encrypted, the app loaded
 * only from its ASAR with its integrity checked.
 */
export const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
} as const;
