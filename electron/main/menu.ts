import { Menu, type MenuItemConstructorOptions } from 'electron';
import { commands, type CommandId, type CommandSpec } from '../core/commands';

/**
 * The native menu, built from the command list. Accelerators are shown but not
 * registered (`registerAccelerator: false`): the renderer handles the keys, so
 * a shortcut works the same in the menu, in the app and in the browser tests.
 */
export function buildMenuTemplate(send: (command: CommandId) => void, isMac: boolean, isDev: boolean): MenuItemConstructorOptions[] {
  const item = (spec: CommandSpec): MenuItemConstructorOptions => ({
    label: spec.label,
    click: () => send(spec.id),
    ...(spec.accelerator ? { accelerator: spec.accelerator, registerAccelerator: false } : {}),
  });
  const group = (menu: CommandSpec['menu']) => commands.filter((c) => c.menu === menu).map(item);
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    { label: '&File', submenu: [...group('file'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        ...group('edit'),
      ],
    },
    { label: 'Issue &Area', submenu: group('area') },
    {
      label: '&View',
      submenu: [
        ...group('view'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: group('help') },
  );
  return template;
}

export function installMenu(send: (command: CommandId) => void, isMac: boolean, isDev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, isMac, isDev)));
}
