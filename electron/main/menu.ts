/**
 * The application menu, as a pure template (unit-tested without Electron). Electron's default
 * menu has Reload and Toggle Developer Tools: in an installed build those would let an officer
 * reload past the lock screen's state or open DevTools and call any channel by hand. So the app
 * sets its own menu: editing and zoom only; reload and DevTools exist only in development.
 * The standard submenu roles (`fileMenu`, `viewMenu`, …) are not used because they bring the
 * dangerous items back.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  packaged: boolean;
  platform: NodeJS.Platform;
  t: (key: string) => string;
}

/** Roles that never appear in a packaged build. */
export const DEV_ONLY_ROLES = ['reload', 'forceReload', 'toggleDevTools'] as const;

export function menuTemplate({ packaged, platform, t }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac)
    template.push({
      label: t('menu.app'),
      submenu: [{ role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  else template.push({ label: t('menu.file'), submenu: [{ role: 'quit' }] });
  template.push(
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: t('menu.window'), submenu: [{ role: 'minimize' }, ...(mac ? [] : [{ role: 'close' as const }])] },
  );
  if (!packaged)
    template.push({
      label: t('menu.developer'),
      submenu: DEV_ONLY_ROLES.map((role) => ({ role })),
    });
  return template;
}
