/**
 * Command-line switches that would let another program attach a debugger to the app and read
 * decrypted taxpayer data from memory. No Electron fuse blocks `--remote-debugging-port`, so a
 * packaged build checks its own command line at start and refuses to run.
 */
export const FORBIDDEN_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
] as const;

/** Returns the forbidden switches present in `argv` (either `--name` or `--name=value`). */
export function findForbiddenSwitches(argv: readonly string[]): string[] {
  const found = new Set<string>();
  for (const arg of argv) {
    const m = /^--?([a-z-]+)(?:=.*)?$/i.exec(arg);
    const name = m?.[1]?.toLowerCase();
    if (name && (FORBIDDEN_SWITCHES as readonly string[]).includes(name)) found.add(name);
  }
  return [...found];
}
