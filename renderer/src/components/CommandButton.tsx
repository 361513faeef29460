/** A button for a registry command: its label, its shortcut (shown and announced), enabled by its rule. */
import type { CommandId } from '../../../shared/commands';
import { useCommand } from '../commands/registry';

export function CommandButton({ id, className, label }: { id: CommandId; className?: string; label?: string }) {
  const command = useCommand(id);
  const shortcut = command.shortcuts[0];
  return (
    <button
      type="button"
      className={className}
      disabled={!command.enabled}
      onClick={() => command.run()}
      title={shortcut ? `${command.label} (${shortcut})` : command.label}
      aria-keyshortcuts={shortcut?.replace('Ctrl', 'Control')}
      data-command={id}
    >
      {label ?? command.label}
    </button>
  );
}
