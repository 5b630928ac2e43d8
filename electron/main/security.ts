/**
 * Pure security policy of the Electron shell, unit-tested without Electron: the BrowserWindow
 * options, which URLs the window may show, and which IPC senders are the app's own frame.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
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
    },
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: the same file for a file:// renderer (any hash route),
 * or the same origin for the dev server.
 */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  const u = parse(url);
  const r = parse(rendererUrl);
  if (!u || !r) return false;
  if (r.protocol === 'file:') return u.protocol === 'file:' && u.host === r.host && u.pathname === r.pathname;
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
 * What a window.open / target=_blank link may do: never a new app window; a plain https link
 * opens in the system browser (`external`), anything else is dropped.
 */
export function windowOpenDecision(url: string): { action: 'deny'; external: string | null } {
  return { action: 'deny', external: /^https:\/\/[^\s]+$/.test(url) ? url : null };
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
