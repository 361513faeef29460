/**
 * Runs commands from the keyboard and from the application menu. Plain keys (j, k, arrows, Enter) are
 * the lists' own; here only the registry's chords are handled. While a modal dialog is open its own
 * keys win (Esc closes it), and inside a text field only chords with Ctrl or Alt and function keys count.
 */
import { useEffect, useRef } from 'react';
import { chordOf, commandForChord } from '../../../shared/commands';
import { useBridge } from '../bridge/BridgeContext';
import { useCommands } from './registry';

const isMac = /Mac/.test(navigator.platform);
const editable = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

export function ShortcutHandler() {
  const bridge = useBridge();
  const commands = useCommands();
  const latest = useRef(commands);
  useEffect(() => { latest.current = commands; });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      const chord = chordOf(event, isMac);
      const spec = commandForChord(chord);
      if (!spec) return;
      const modified = event.ctrlKey || event.metaKey || event.altKey || /^F\d+$/.test(event.key);
      if (editable(event.target) && !modified) return;
      event.preventDefault(); // Ctrl+P must not open the page's print, Ctrl+R must not reload
      const command = latest.current.get(spec.id);
      if (command?.enabled) command.run();
    };
    window.addEventListener('keydown', onKey);
    const offMenu = bridge.on('command.invoke', ({ id }) => {
      const command = latest.current.get(id);
      if (command?.enabled) command.run();
    });
    return () => { window.removeEventListener('keydown', onKey); offMenu(); };
  }, [bridge]);
  return null;
}
