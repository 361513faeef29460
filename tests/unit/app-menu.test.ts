/** The application menu is the command catalog: every command once, its shortcut shown, none registered twice. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, chordOf, commandForChord } from '../../shared/commands';
import { appMenuTemplate, toAccelerator } from '../../electron/window/app-menu';

type Item = { id?: string; label?: string; role?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void; submenu?: Item[] };

describe('application menu', () => {
  const invoked: string[] = [];
  const template = appMenuTemplate((id) => invoked.push(id), 'linux') as Item[];
  const items = template.flatMap((m) => m.submenu ?? []).filter((i) => i.id);

  it('lists every command of the catalog exactly once, with its label and first shortcut', () => {
    expect(items.map((i) => i.id)).toEqual(COMMANDS.map((c) => c.id));
    for (const c of COMMANDS) {
      const item = items.find((i) => i.id === c.id)!;
      expect(item.label).toBe(c.label);
      expect(item.accelerator).toBe(c.shortcuts[0] ? toAccelerator(c.shortcuts[0]) : undefined);
    }
  });

  it('shows accelerators without registering them, so keys reach the renderer handler once', () => {
    for (const i of items.filter((x) => x.accelerator)) expect(i.registerAccelerator).toBe(false);
  });

  it('has no reload or developer-tools entries (the default menu would add Ctrl+R and Ctrl+Shift+I)', () => {
    const roles = JSON.stringify(template.map((m) => m.role ?? m.label));
    expect(roles).not.toMatch(/reload|toggleDevTools|viewMenu/i);
    expect(template.map((m) => m.role)).toContain('editMenu');
  });

  it('sends the command id when an item is clicked', () => {
    items.find((i) => i.id === 'message.reply')!.click!();
    expect(invoked).toEqual(['message.reply']);
  });
});

describe('shortcut chords', () => {
  it('no chord belongs to two commands', () => {
    const chords = COMMANDS.flatMap((c) => c.shortcuts as readonly string[]);
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('leaves alone the chords the desktop takes before the app sees them', () => {
    // Ctrl+Shift+U: IBus Unicode entry (Linux); Ctrl+Alt+Delete, Alt+Tab, Alt+F4, Alt+Space (window menu),
    // Ctrl+Shift+Escape (Task Manager): Windows; Ctrl+Alt+T: GNOME terminal; Ctrl+Space: input method switch.
    const taken = ['Ctrl+Shift+U', 'Ctrl+Alt+Delete', 'Alt+Tab', 'Alt+F4', 'Alt+ ', 'Ctrl+Shift+Escape', 'Ctrl+Alt+T', 'Ctrl+ '];
    for (const chord of taken) expect(commandForChord(chord), chord).toBeUndefined();
    expect(commandForChord('Alt+4')?.id).toBe('view.due');
    expect(chordOf({ key: '$', code: 'Digit4', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false })).toBe('Alt+4');
  });

  it('normalise keyboard events the way shortcuts are declared', () => {
    const key = (init: Partial<Parameters<typeof chordOf>[0]>) => ({ key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init });
    expect(chordOf(key({ key: 'r', code: 'KeyR', ctrlKey: true }))).toBe('Ctrl+R');
    expect(chordOf(key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+P');
    expect(chordOf(key({ key: '¡', code: 'Digit1', altKey: true }))).toBe('Alt+1');
    expect(chordOf(key({ key: 'F9', code: 'F9' }))).toBe('F9');
    expect(chordOf(key({ key: 'r', code: 'KeyR', metaKey: true }), true)).toBe('Ctrl+R');
    // Dvorak: the key labelled P sits where QWERTY has R; the letter decides.
    expect(chordOf(key({ key: 'p', code: 'KeyR', ctrlKey: true }))).toBe('Ctrl+P');
    expect(commandForChord('Ctrl+E')?.id).toBe('search.focus');
    expect(commandForChord('F3')?.id).toBe('search.focus');
    expect(commandForChord('Ctrl+Z')).toBeUndefined();
  });
});
