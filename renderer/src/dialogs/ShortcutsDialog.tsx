/** "Keyboard shortcuts": every command of the registry with its keys, plus the lists' own keys. */
import { COMMANDS } from '../../../shared/commands';
import { Modal } from './Modal';

const LIST_KEYS: Array<[string, string]> = [
  ['↑ ↓ or k j', 'Move within a list'],
  ['Home / End', 'First / last item of a list'],
  ['Enter', 'Open the item'],
  ['Esc', 'Close a dialog, the search results or the composer'],
  ['Ctrl+Enter', 'Send the message being written'],
  ['Tab / Shift+Tab', 'Next / previous control'],
];

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const shown = (chord: string) => (isMac ? chord.replace('Ctrl', '⌘') : chord);

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const menus = [...new Set(COMMANDS.map((c) => c.menu))];
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <div className="shortcuts-grid">
        {menus.map((menu) => (
          <section key={menu} aria-label={menu}>
            <h3>{menu}</h3>
            <dl>
              {COMMANDS.filter((c) => c.menu === menu).map((c) => (
                <div key={c.id} className="shortcut-row">
                  <dt>{c.label}</dt>
                  <dd>{c.shortcuts.length > 0 ? c.shortcuts.map((s) => <kbd key={s}>{shown(s)}</kbd>) : <span className="muted">menu only</span>}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section aria-label="Lists">
          <h3>Lists</h3>
          <dl>
            {LIST_KEYS.map(([keys, what]) => (
              <div key={keys} className="shortcut-row"><dt>{what}</dt><dd><kbd>{keys}</kbd></dd></div>
            ))}
          </dl>
        </section>
      </div>
    </Modal>
  );
}
