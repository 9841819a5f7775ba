import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { commands, type CommandId } from '../../electron/core/commands';
import { fake, resetFakeElectron } from '../harness/fakeElectron';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

const { buildMenuTemplate, installMenu } = await import('../../electron/main/menu');

/** Every item of a template, submenus included. */
function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions): void {
  // Electron calls click(menuItem, window, event).
  (item.click as unknown as (...args: unknown[]) => void)({}, undefined, { triggeredByAccelerator: false });
}

beforeEach(() => {
  resetFakeElectron({ ready: true });
});

describe.each([
  ['Windows and Linux', false],
  ['macOS', true],
])('buildMenuTemplate on %s', (_platform, isMac) => {
  test('every command appears once, with its accelerator shown but not registered', () => {
    const items = flatten(buildMenuTemplate(() => undefined, isMac, false));
    for (const spec of commands) {
      const matching = items.filter((item) => item.label === spec.label);
      expect(matching, spec.id).toHaveLength(1);
      const [item] = matching;
      if (spec.accelerator) {
        expect(item?.accelerator, spec.id).toBe(spec.accelerator);
        // The renderer handles the keys, so the menu must not swallow them.
        expect(item?.registerAccelerator, spec.id).toBe(false);
      } else {
        expect(item?.accelerator, spec.id).toBeUndefined();
      }
    }
  });

  test('clicking an item sends exactly its command', () => {
    const sent: CommandId[] = [];
    const items = flatten(buildMenuTemplate((command) => sent.push(command), isMac, false));
    for (const spec of commands) {
      sent.length = 0;
      click(items.find((item) => item.label === spec.label)!);
      expect(sent).toEqual([spec.id]);
    }
  });

  test('developer tools only in development', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate(() => undefined, isMac, isDev)).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  test('no registered accelerator anywhere outside the standard roles', () => {
    const items = flatten(buildMenuTemplate(() => undefined, isMac, true));
    for (const item of items.filter((i) => i.accelerator)) expect(item.registerAccelerator, item.label).toBe(false);
  });
});

test('the application menu on macOS starts with the app menu', () => {
  expect(buildMenuTemplate(() => undefined, true, false)[0]?.role).toBe('appMenu');
  expect(buildMenuTemplate(() => undefined, false, false)[0]?.role).not.toBe('appMenu');
});

test('installMenu sets the application menu built from the template', () => {
  const sent: CommandId[] = [];
  installMenu((command) => sent.push(command), false, false);
  const menu = fake.Menu.applicationMenu;
  expect(menu).not.toBeNull();
  const items = flatten(menu!.template as MenuItemConstructorOptions[]);
  expect(items.filter((i) => commands.some((c) => c.label === i.label))).toHaveLength(commands.length);
  click(items.find((i) => i.label === commands[0]?.label)!);
  expect(sent).toEqual([commands[0]?.id]);
});
