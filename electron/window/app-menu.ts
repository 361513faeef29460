/**
 * The application menu, built from the shared command catalog: the same labels and shortcuts as the
 * renderer's toolbar, command menu and shortcuts dialog. A click sends the command's id to the renderer
 * (its registry decides whether it is enabled and runs it). Accelerators are shown but not registered,
 * so every key goes to the renderer's one shortcut handler, and nothing here reloads the page or opens
 * developer tools (the default menu's Ctrl+R and Ctrl+Shift+I would).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, type CommandId } from '../../shared/commands';

export const toAccelerator = (chord: string): string => chord.replace(/^Ctrl\+/, 'CmdOrCtrl+');

export function appMenuTemplate(invoke: (id: CommandId) => void, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const menus = [...new Set(COMMANDS.map((c) => c.menu))];
  const commandMenus = menus.map((menu): MenuItemConstructorOptions => ({
    label: menu,
    submenu: COMMANDS.filter((c) => c.menu === menu).map((c): MenuItemConstructorOptions => ({
      id: c.id,
      label: c.label,
      ...(c.shortcuts[0] ? { accelerator: toAccelerator(c.shortcuts[0]), registerAccelerator: false } : {}),
      click: () => invoke(c.id),
    })),
  }));
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'editMenu' },
    ...commandMenus,
  ];
}
