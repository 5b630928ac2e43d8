/**
 * Electron main process: single instance, one sandboxed window, CSP, navigation and popups
 * denied, permission requests denied, IPC wired from the contract to the core services.
 * The renderer is served from the app:// protocol (appProtocol.ts), never file://; the dev
 * server is used only by a development run (security.ts `devServerUrl`). Installed builds get
 * the app's own menu and no DevTools.
 * The database is $CALLBACK_DESK_DB or callback-desk.db in the user-data folder. A database that
 * cannot be opened starts the app in recovery mode (core/runtime.ts): the window shows the
 * recovery screen with the reason and the backups that pass every check.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { buildCsp } from '../../shared/csp';
import { startRuntime, type Runtime } from '../core/runtime';
import { createLogger, type Logger } from '../core/log';
import { translator } from '../core/i18n';
import { getSetting } from '../core/settings/store';
import { AppError } from '../../shared/result';
import { appResponse } from './appProtocol';
import { restrictUmask } from '../core/files';
import { registerIpc } from './ipc';
import { adoptLegacyKeys, setKeyDir } from '../core/keyDir';
import { loadWrappedKeys, loadWrappedSigningKey } from './keys';
import { menuTemplate } from './menu';
import {
  APP_SCHEME,
  APP_URL,
  denyAllPermissions,
  devServerUrl,
  guardWebContents,
  permissionCheck,
  windowOptions,
} from './security';
import { appKeyDir, keyProtection, readShellSettings, SHELL_SETTINGS_FILE, weakKeyStoreMessage } from './keyStore';

const packaged = app.isPackaged;
const devServer = devServerUrl({
  packaged,
  devBuild: import.meta.env.DEV === true,
  rendererUrl: process.env.ELECTRON_RENDERER_URL,
});
const rendererDir = path.join(import.meta.dirname, '../renderer');
const rendererUrl = () => devServer ?? APP_URL;

// Before `ready`: app:// is a standard, secure origin (relative URLs, 'self', fetch), with no
// CSP bypass and no other privilege.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let win: BrowserWindow | null = null;
let runtime: Runtime | null = null;
let log: Logger | null = null;

/** The administrator's allow-list for external links; none while in recovery mode. */
function allowedHosts(): readonly string[] {
  const ctx = runtime?.context();
  if (!ctx) return [];
  try {
    return getSetting(ctx.db, 'externalLinkHosts');
  } catch {
    return [];
  }
}

// Before anything writes: every file the app creates (database, logs, keys, backups) is 0600.
restrictUmask();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => runtime?.close());
  app.on('web-contents-created', (_e, contents) => {
    guardWebContents(contents, {
      rendererUrl,
      allowedHosts,
      openExternal: (url) => void shell.openExternal(url),
      log: (m) => log?.warn('shell', m),
    });
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  // Redacted, rotated application log in the OS's log folder for the app.
  log = createLogger({ dir: app.getPath('logs'), echo: (line) => process.stderr.write(line) });
  const dbFile = process.env.CALLBACK_DESK_DB ?? path.join(app.getPath('userData'), 'callback-desk.db');
  try {
    // The key folder, apart from the data (main/keyStore.ts); keys found beside the database move there.
    const userData = app.getPath('userData');
    const settings = readShellSettings(userData);
    setKeyDir(appKeyDir(settings, userData, process.env));
    const adopted = adoptLegacyKeys(dbFile);
    for (const [from, to] of adopted.moved) log.warn('keys', `moved the key file ${from} to ${to}`);
    const protection = keyProtection({
      platform: process.platform,
      available: await safeStorage.isAsyncEncryptionAvailable(),
      backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
      allowWeakKeyStore: settings.allowWeakKeyStore,
    });
    if (protection.use === 'refuse') {
      log.error('keys', `refused the ${protection.backend} key store (a fixed password); see ${SHELL_SETTINGS_FILE}`);
      dialog.showErrorBox(
        '回访工作台 Callback Desk',
        weakKeyStoreMessage(protection.backend, path.join(userData, SHELL_SETTINGS_FILE)),
      );
      app.exit(2);
      return;
    }
    const wrap = protection.use === 'safeStorage';
    const keys = wrap ? await loadWrappedKeys(dbFile, safeStorage) : null;
    const signingKey = wrap ? await loadWrappedSigningKey(dbFile, safeStorage) : null;
    if (!keys) log.warn('keys', 'no OS secret store here: using plain key files (0600) in the key folder');
    // Never throws for a bad database: that starts recovery mode, shown in the window.
    runtime = startRuntime(dbFile, {
      log,
      ...(keys ? { keyText: keys } : {}),
      ...(signingKey ? { signingKeyText: signingKey } : {}),
    });
  } catch (e) {
    // Only the key files can fail here (unreadable, or wrapped on another machine).
    const t = translator(app.getLocale().startsWith('zh') ? 'zh-CN' : 'en');
    const reason = e instanceof AppError ? t(e.message, e.params) : (e as Error).message;
    log.error('start', `cannot start on ${dbFile}: ${reason}`);
    dialog.showErrorBox('回访工作台 Callback Desk', `${dbFile}\n\n${reason}`);
    app.exit(2);
    return;
  }
  const csp = buildCsp(devServer ? { devServer } : {});
  // The header for the dev server's pages; app:// responses carry it themselves (appResponse).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request, csp));
  session.defaultSession.setPermissionRequestHandler(denyAllPermissions);
  session.defaultSession.setPermissionCheckHandler(permissionCheck);

  const t = translator(app.getLocale().startsWith('zh') ? 'zh-CN' : 'en');
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ packaged, platform: process.platform, t })));

  registerIpc(ipcMain, runtime.dispatch, rendererUrl);

  win = new BrowserWindow(windowOptions(path.join(import.meta.dirname, '../preload/index.cjs'), { packaged }));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(rendererUrl());
}
