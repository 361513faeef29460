/**
 * The command menu: every registry command by menu, with its shortcut, in a menu button (the same list
 * the application menu shows in Electron). ↑/↓ move (a roving tabindex: the item with focus is the
 * one in the tab order), Enter runs, Esc closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useCommands, type Command } from '../commands/registry';

export function CommandMenu() {
  const commands = [...useCommands().values()];
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const enabled = commands.filter((c) => c.enabled);

  useEffect(() => {
    if (open) menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')[active]?.focus();
  }, [open, active]);

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }
  function run(c: Command) {
    if (!c.enabled) return;
    close(false);
    c.run();
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % enabled.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a - 1 + enabled.length) % enabled.length); }
    else if (e.key === 'Tab') close(false);
  }
  const menus = [...new Set(commands.map((c) => c.menu))];
  return (
    <div className="command-menu">
      <button ref={buttonRef} type="button" className="secondary" aria-haspopup="menu" aria-expanded={open}
        onClick={() => { setActive(0); setOpen((o) => !o); }}
        onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); setActive(0); setOpen(true); } }}>
        Menu ▾
      </button>
      {open && (
        <ul ref={menuRef} role="menu" aria-label="Commands" className="command-menu-list" onKeyDown={onKeyDown}
          onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false); }}>
          {menus.map((menu) => (
            <li key={menu} role="none" className="command-menu-group">
              <span className="command-menu-title" aria-hidden="true">{menu}</span>
              <ul role="group" aria-label={menu}>
                {commands.filter((c) => c.menu === menu).map((c) => (
                  <li key={c.id} role="menuitem" tabIndex={enabled[active] === c ? 0 : -1} aria-disabled={!c.enabled} className="command-menu-item"
                    onClick={() => run(c)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); run(c); } }}>
                    <span>{c.label}</span>{c.shortcuts[0] && <kbd>{c.shortcuts[0]}</kbd>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
